import * as client from 'openid-client';
import type { Role } from '../../../domain/roles.js';
import { anonymousActor, type Actor } from '../../access/actor.js';
import { appendAudit } from '../../audit/audit.js';
import type { OidcConfig } from '../../config.js';
import type { AppContext } from '../../context.js';
import { withTransaction } from '../../db/transaction.js';
import { AppError } from '../../http/errors.js';
import { randomToken, sha256 } from './credentials.js';
import { SESSION_ABSOLUTE_MS, type RequestMeta } from './auth.service.js';
import { insertSession } from './sessions.repository.js';
import { setOffices } from '../users/users.repository.js';

export class SsoRefused extends AppError {
  constructor(reason: 'not_configured' | 'failed' | 'no_roles' | 'disabled') {
    super(reason === 'not_configured' ? 404 : 403, `sso_${reason}`);
  }
}

/** What the browser keeps between leaving for the provider and coming back. */
export interface OidcFlow {
  state: string;
  nonce: string;
  verifier: string;
}

/** The roles and offices a user's provider groups give, by the configured map. */
export function rolesFromGroups(config: OidcConfig, groups: string[]): { roles: Role[]; offices: string[] } {
  const roles = new Set<Role>();
  const offices = new Set<string>();
  for (const group of groups) {
    const mapped = config.groupMap[group];
    mapped?.roles.forEach((r) => roles.add(r));
    mapped?.offices.forEach((o) => offices.add(o));
  }
  return { roles: [...roles].sort(), offices: [...offices].sort() };
}

/**
 * Single sign-on with the organisation's OpenID Connect provider (authorization code flow with
 * PKCE). The provider's groups decide the roles and offices at every sign-in; the provider is
 * responsible for the second factor.
 */
export function createOidcService(ctx: AppContext) {
  const config = ctx.config.oidc;
  let discovered: Promise<client.Configuration> | null = null;
  const now = () => ctx.clock.now();

  function configuration(): Promise<client.Configuration> {
    if (!config) throw new SsoRefused('not_configured');
    const issuer = new URL(config.issuer);
    discovered ??= client
      .discovery(issuer, config.clientId, undefined, client.ClientSecretPost(config.clientSecret), issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined)
      .catch((error: unknown) => {
        discovered = null;
        throw error;
      });
    return discovered;
  }

  return {
    enabled: config !== null,

    async start(redirectUri: string): Promise<{ url: string; flow: OidcFlow }> {
      const oidc = await configuration();
      const flow: OidcFlow = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier() };
      const url = client.buildAuthorizationUrl(oidc, {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        state: flow.state,
        nonce: flow.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
        code_challenge_method: 'S256',
      });
      return { url: url.href, flow };
    },

    async callback(currentUrl: URL, flow: OidcFlow | null, meta: RequestMeta): Promise<{ token: string }> {
      const oidc = await configuration();
      let claims: Record<string, unknown>;
      try {
        if (!flow) throw new Error('no flow in progress');
        const tokens = await client.authorizationCodeGrant(oidc, currentUrl, { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true });
        claims = (tokens.claims() ?? {}) as Record<string, unknown>;
      } catch (error) {
        await withTransaction(ctx.database.db, (tx) =>
          appendAudit(tx, anonymousActor(meta.address), { action: 'auth.sign_in', outcome: 'failure', details: { method: 'oidc', reason: error instanceof Error ? error.name : 'error' } }, now()),
        );
        throw new SsoRefused('failed');
      }
      const subject = String(claims.sub);
      const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : `${sha256(subject).slice(0, 16)}@sso.invalid`;
      const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : email;
      const groupsClaim = claims[config!.groupsClaim];
      const groups = Array.isArray(groupsClaim) ? groupsClaim.map(String) : [];
      const { roles, offices } = rolesFromGroups(config!, groups);

      const result = await withTransaction(ctx.database.db, async (tx) => {
        let user = await tx.selectFrom('staffUser').select(['id', 'roles', 'disabledAt', 'version']).where('ssoSubject', '=', subject).executeTakeFirst();
        user ??= await tx.selectFrom('staffUser').select(['id', 'roles', 'disabledAt', 'version']).where('email', '=', email).where('ssoSubject', 'is', null).executeTakeFirst();
        if (roles.length === 0) {
          await appendAudit(tx, anonymousActor(meta.address), { action: 'auth.sign_in', outcome: 'denied', objectType: 'staff_user', objectIds: user ? [user.id] : [], details: { method: 'oidc', reason: 'no_roles' } }, now());
          return { refused: 'no_roles' as const };
        }
        if (user?.disabledAt) {
          await appendAudit(tx, anonymousActor(meta.address), { action: 'auth.sign_in', outcome: 'denied', objectType: 'staff_user', objectIds: [user.id], details: { method: 'oidc', reason: 'disabled' } }, now());
          return { refused: 'disabled' as const };
        }
        const operator: Actor = { kind: 'system', userId: null, roles: [], offices: [], address: null, name: 'single sign-on' };
        let userId: string;
        if (!user) {
          const created = await tx
            .insertInto('staffUser')
            .values({ email, name, roles, ssoSubject: subject, passwordHash: null, totpSecret: null, totpEnrolledAt: null, totpLastStep: null, disabledAt: null })
            .returning('id')
            .executeTakeFirstOrThrow();
          userId = created.id;
          await setOffices(tx, userId, offices);
          await appendAudit(tx, operator, { action: 'user.create', objectType: 'staff_user', objectIds: [userId], details: { source: 'oidc', roles, offices } }, now());
        } else {
          userId = user.id;
          const currentOffices = (await tx.selectFrom('staffUserOffice').select('officeCode').where('userId', '=', userId).orderBy('officeCode').execute()).map((o) => o.officeCode);
          const rolesChanged = [...user.roles].sort().join() !== roles.join();
          const officesChanged = currentOffices.join() !== offices.join();
          await tx.updateTable('staffUser').set({ ssoSubject: subject, name, roles, updatedAt: now(), version: user.version + 1 }).where('id', '=', userId).execute();
          if (officesChanged) await setOffices(tx, userId, offices);
          if (rolesChanged || officesChanged) {
            await appendAudit(tx, operator, { action: 'user.update', objectType: 'staff_user', objectIds: [userId], details: { source: 'oidc', roles: { from: user.roles, to: roles }, offices: { from: currentOffices, to: offices } } }, now());
          }
        }
        const token = randomToken();
        const sessionId = await insertSession(tx, { tokenHash: sha256(token), userId, stage: 'active', now: now(), expiresAt: new Date(now().getTime() + SESSION_ABSOLUTE_MS), address: meta.address, userAgent: meta.userAgent });
        await appendAudit(tx, { kind: 'user', userId, sessionId, name, roles, offices, address: meta.address }, { action: 'auth.sign_in', objectType: 'staff_user', objectIds: [userId], details: { method: 'oidc' } }, now());
        return { token, refused: null };
      });
      if (result.refused) throw new SsoRefused(result.refused);
      return { token: result.token! };
    },
  };
}

export type OidcService = ReturnType<typeof createOidcService>;
