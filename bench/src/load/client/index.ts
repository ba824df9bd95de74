export {
  type ExchangeResult,
  HttpClient,
  type HttpClientOptions,
  type HttpMethod,
  type OutgoingRequest,
  RequestTimeoutError,
} from './http-client';
