/**
 * The names of the contract's channels and events, without their schemas: the sandboxed preload
 * checks names against these lists and must not pull zod into every page load. contract.ts
 * refuses to compile if these lists and the contract differ.
 */
export const CHANNEL_NAMES = {
  'story:create': true,
  'story:get': true,
  'story:save': true,
  'story:close': true,
  'story:trash': true,
  'story:restore': true,
  'story:purge': true,
  'story:list': true,
  'story:search': true,
  'story:search-count': true,
  'revision:list': true,
  'revision:get': true,
  'revision:create': true,
  'revision:restore': true,
  'media:import': true,
  'media:choose': true,
  'media:get': true,
  'media:list': true,
  'settings:get': true,
  'settings:set': true,
  'profile:list': true,
  'profile:create': true,
  'profile:switch': true,
  'workflow:moves': true,
  'workflow:move': true,
  'workflow:checklist': true,
  'workflow:history': true,
  'workflow:diff': true,
  'workflow:queues': true,
  'note:list': true,
  'note:add': true,
  'note:resolve': true,
  'import:file': true,
  'import:choose': true,
  'style:check': true,
  'style:ignore': true,
  'style:get': true,
  'export:preview': true,
  'export:story': true,
  'export:approved': true,
  'package:export': true,
  'package:open': true,
  'package:resolve': true,
  'package:last': true,
  'backup:create': true,
  'backup:list': true,
  'backup:verify': true,
  'backup:restore': true,
  'app:info': true,
  'job:cancel': true,
  'desk:status': true,
  'desk:sync': true,
  'desk:move': true,
  'desk:list': true,
  'desk:open': true,
  'doc:open': true,
  'doc:update': true,
  'doc:close': true,
  // Issue 13: the rights decision per photo.
  'media:confirm-rights': true,
} as const;

/** Events main sends to the renderer (menu commands, window life). */
export const EVENT_NAMES_LIST = {
  'menu:new-story': true,
  'menu:find': true,
  'menu:save-revision': true,
  'menu:insert-photo': true,
  'menu:switch-profile': true,
  'menu:open-package': true,
  'menu:export-package': true,
  'menu:preview': true,
  'menu:import': true,
  'menu:export-story': true,
  /** A package was opened by double click or file association: the renderer shows the story. */
  'package:opened': true,
  /** The window is closing: flush unsaved text, then call `flushed()`. */
  'window:flush-request': true,
  /** The story store's state (starting, ready, restarting after a crash, stopped), with the reason. */
  'store:status': true,
  /** How far a long job is: { job, what, done, total }. */
  'job:progress': true,
  /** The desk's state for this machine changed: a DeskStatus ("On the desk", "Offline: N changes waiting", ...). */
  'desk:status': true,
  /** A change to a story's doc made by someone else (another window, a package, the desk): { storyId, update, origin }. */
  'doc:update': true,
  /** File › Back Up Now, Check the Store and Photos, Export All Approved…: window jobs with progress (issue 15). */
  'menu:back-up': true,
  'menu:verify-store': true,
  'menu:export-approved': true,
} as const;

/** The one message the renderer sends without expecting an answer: the reply to `window:flush-request`. */
export const WINDOW_FLUSHED = 'window:flushed';
