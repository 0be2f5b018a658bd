import { API_METHODS, type ApiMethod, type RootwiseClient } from '../../shared/api/contract';
import { ApiCallError } from '../../shared/errors/rootwise-error';
import { detectTransport, type Transport } from './transport';

/** Builds the typed client from the method list; a failed call rejects with ApiCallError. */
export function createClient(transport: Transport): RootwiseClient {
  const call = async (method: ApiMethod, request: unknown): Promise<unknown> => {
    const response = await transport.call(method, request);
    if (!response.ok) throw new ApiCallError(response.error);
    return response.value;
  };
  const methods = Object.fromEntries(API_METHODS.map((method) => [method, (request: unknown) => call(method, request)]));
  return { ...(methods as unknown as Omit<RootwiseClient, 'on'>), on: (event, listener) => transport.on(event, listener) };
}

let client: RootwiseClient | undefined;

/** The one client of this window. Features import `api()` and nothing else from here. */
export function api(): RootwiseClient {
  if (client === undefined) {
    client = createClient(detectTransport());
  }
  return client;
}
