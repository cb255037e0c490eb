// IndexedDB for Dexie in Node; the fake browser comes from WxtVitest().
import 'fake-indexeddb/auto';
