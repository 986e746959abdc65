export {
  FANS_BUSINESS_ID,
  MUTE_BUSINESS_ID,
  REQUEST_BUSINESS_ID,
  TencentBackend,
  createTencentBackend,
  type TencentBackendOptions,
  type TencentCredentials,
  type TencentServerActions,
  type TencentWallet,
} from './engine-backend.js';
export { EngineMedia } from './engine-media.js';
export {
  AccountCode,
  ChatClientCode,
  ChatServerCode,
  EngineErrorCode,
  EngineServerCode,
  TrtcErrorCode,
  fromEngineError,
  needsFreshCredentials,
  vendorCodeOf,
} from './engine-errors.js';
export type { EngineClass, EngineInstance, EngineSdk } from './engine-sdk.js';
export { loadEngine } from './load.js';
