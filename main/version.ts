/** Kept in step with package.json by the build (scripts/build-main.mjs defines it). */
declare const __NEWSROOM_VERSION__: string | undefined;
export const APP_VERSION: string = typeof __NEWSROOM_VERSION__ === 'string' ? __NEWSROOM_VERSION__ : '0.1.0-dev';
