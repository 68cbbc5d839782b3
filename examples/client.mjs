// Shared by the examples: one GraphQL call over HTTP, and a login that returns a token.

/** POSTs one operation to `${base}/graphql`; throws with the errors when there are any. */
export async function graphql(base, query, variables = {}, token) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const result = await response.json();
  if (result.errors) throw new Error(JSON.stringify(result.errors, null, 2));
  return result.data;
}

/** Logs in and returns the token. Defaults to POSTWATCH_EMAIL / POSTWATCH_PASSWORD when they are set. */
export async function login(base, email, password) {
  const { login } = await graphql(
    base,
    'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
    { email: process.env.POSTWATCH_EMAIL ?? email, password: process.env.POSTWATCH_PASSWORD ?? password },
  );
  return login.token;
}
