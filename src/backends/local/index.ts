export {
  LocalBackend,
  createLocalBackend,
  type LocalBackendOptions,
  type LocalCredentials,
  type SocketFactory,
  type SocketLike,
} from './local-backend.js';
export { PROTOCOL_VERSION } from './protocol.js';
