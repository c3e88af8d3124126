import { createHash, randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export interface ProviderUser {
  sub: string;
  email: string;
  name: string;
  groups: string[];
}

/**
 * A minimal OpenID Connect provider on a local port: discovery, authorization (the signed-in
 * user is whoever the test says), the token endpoint with PKCE, and signed ID tokens.
 */
export async function startOidcProvider(clientId: string, clientSecret: string) {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const app = Fastify({ logger: false });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))));
  let user: ProviderUser | null = null;
  const codes = new Map<string, { user: ProviderUser; nonce: string; challenge: string; redirectUri: string }>();
  const issuer = () => `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

  app.get('/.well-known/openid-configuration', async () => ({
    issuer: issuer(),
    authorization_endpoint: `${issuer()}/authorize`,
    token_endpoint: `${issuer()}/token`,
    jwks_uri: `${issuer()}/jwks`,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['client_secret_post'],
    code_challenge_methods_supported: ['S256'],
  }));
  app.get('/jwks', async () => ({ keys: [jwk] }));
  app.get<{ Querystring: Record<string, string> }>('/authorize', async (request, reply) => {
    const q = request.query;
    if (q.client_id !== clientId || q.code_challenge_method !== 'S256' || !user) return reply.code(400).send({ error: 'invalid_request' });
    const code = randomBytes(12).toString('hex');
    codes.set(code, { user, nonce: q.nonce!, challenge: q.code_challenge!, redirectUri: q.redirect_uri! });
    return reply.redirect(`${q.redirect_uri}?code=${code}&state=${encodeURIComponent(q.state!)}&iss=${encodeURIComponent(issuer())}`, 302);
  });
  app.post<{ Body: Record<string, string> }>('/token', async (request, reply) => {
    const b = request.body;
    const grant = codes.get(b.code ?? '');
    codes.delete(b.code ?? '');
    const challenge = createHash('sha256').update(b.code_verifier ?? '').digest('base64url');
    if (!grant || b.client_id !== clientId || b.client_secret !== clientSecret || challenge !== grant.challenge || b.redirect_uri !== grant.redirectUri) {
      return reply.code(400).send({ error: 'invalid_grant' });
    }
    const idToken = await new SignJWT({ email: grant.user.email, name: grant.user.name, groups: grant.user.groups, nonce: grant.nonce })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setIssuer(issuer())
      .setAudience(clientId)
      .setSubject(grant.user.sub)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    return { access_token: randomBytes(16).toString('hex'), token_type: 'Bearer', expires_in: 300, id_token: idToken };
  });

  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    issuer: issuer(),
    signInAs(u: ProviderUser) {
      user = u;
    },
    close: () => app.close(),
  };
}
