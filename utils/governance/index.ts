export * from './works-council';
export * from './min-group';
export * from './consent';
export * from './evidence';
