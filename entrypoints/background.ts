export default defineBackground(() => {
  console.log('Kenner background');
});
