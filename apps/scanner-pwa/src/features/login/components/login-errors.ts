import { ApiError, NetworkError } from '../../../lib/api-client.ts';

/** Server and network failures of sign-in and setup, in words a picker can act on. */
export function describeLoginError(error: unknown, during: 'setup' | 'sign-in'): string {
  if (error instanceof NetworkError) {
    return during === 'setup'
      ? 'No connection. Setting up needs the network: move to where there is Wi-Fi and try again.'
      : 'No connection. Signing in needs the network: move to where there is Wi-Fi and try again.';
  }
  if (error instanceof ApiError) {
    if (during === 'setup') {
      if (error.status === 401) return 'The setup code is not valid or has expired. Ask a supervisor for a new one.';
      if (error.status === 403) return 'This setup code cannot set up handhelds. A supervisor must make it.';
      if (error.status === 400) return `The details are not valid: ${error.message}`;
    } else {
      if (error.status === 401) return 'This handheld is no longer set up. Ask a supervisor to set it up again.';
      if (error.status === 422 || error.status === 404)
        return 'This badge is not known or not active. Ask a supervisor.';
      if (error.status === 403) return 'This badge cannot sign in on this handheld. Ask a supervisor.';
    }
    if (error.status >= 500) return 'The server has a problem. Try again in a minute.';
    return error.message;
  }
  return 'Something went wrong. Try again.';
}
