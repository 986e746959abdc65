// trtc-sdk-v5 and @tencentcloud/chat ship their typings for the package root only; the ESM builds this backend
// loads lazily have none next to them. These declarations give those paths the packages' own types.
declare module 'trtc-sdk-v5/trtc.esm.js' {
  export * from 'trtc-sdk-v5';
  export { default } from 'trtc-sdk-v5';
}

declare module '@tencentcloud/chat/index.es.js' {
  export * from '@tencentcloud/chat';
  export { default } from '@tencentcloud/chat';
}

declare module '@tencentcloud/chat/modules/group-module.js' {
  /** The group plugin of the Chat slim build, registered as `modules: { 'group-module': GroupModule }`. */
  const GroupModule: unknown;
  export default GroupModule;
}

declare module '@tencentcloud/chat/modules/follow-module.js' {
  /** The follow plugin (Ultimate edition), registered as `modules: { 'follow-module': FollowModule }`. */
  const FollowModule: unknown;
  export default FollowModule;
}

declare module '@tencentcloud/chat/modules/signaling-module.js' {
  const SignalingModule: unknown;
  export default SignalingModule;
}
