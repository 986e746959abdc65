export { TencentBackend, createTencentBackend, recoverRoom, type TencentBackendOptions, type TencentCredentials } from './tencent-backend.js';
export { type TencentAudioEvent, VOLUME_INTERVAL_MS } from './audio.js';
export { MemoryGiftService, createMemoryGiftService, type TencentGiftService } from './gift-service.js';
export { ENVELOPE_DESCRIPTION, ENVELOPE_VERSION, type Envelope, type GiftReceipt, decodeEnvelope, encodeEnvelope } from './envelope.js';
export { AccountCode, ChatCode, TrtcErrorCode, TrtcExtraCode, fromChatError, fromChatKickedOut, fromTrtcError, fromTrtcKickedOut } from './errors.js';
export { META_KEY, fromAttributes, toAttributes } from './attributes.js';
export type { ChatFactory, ChatLike, ChatMessage, ChatSdk, TrtcFactory, TrtcLike } from './sdk-types.js';
