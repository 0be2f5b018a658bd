import { isApiMethod, type ApiResponse, type RootwiseApi } from '../../shared/api/contract';
import { parseRequest } from '../../shared/api/schemas';
import { RootwiseError, toErrorPayload } from '../../shared/errors/rootwise-error';

export type Dispatch = (method: string, rawRequest: unknown) => Promise<ApiResponse<unknown>>;

/**
 * The one gate every transport goes through: the method must be in the contract, the request must
 * pass its runtime schema, and whatever happens comes back as an envelope, never as a throw.
 */
export function createDispatcher(api: RootwiseApi): Dispatch {
  return async (method, rawRequest) => {
    try {
      if (!isApiMethod(method)) throw new RootwiseError('error.unknownMethod', { method });
      const parsed = parseRequest(method, rawRequest);
      if (!parsed.ok) throw new RootwiseError('error.invalidRequest', { method, detail: parsed.detail });
      const value: unknown = await (api as unknown as Record<string, (req: unknown) => Promise<unknown>>)[method]!(parsed.value);
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: toErrorPayload(error) };
    }
  };
}
