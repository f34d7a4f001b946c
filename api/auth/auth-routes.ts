/** Sign in and out. Browsers get an httpOnly SameSite cookie plus a CSRF token; machine clients a bearer token. */
import { Router } from 'express';
import rateLimit, { ipKeyGenerator } from 'express-rate-limit';
import { z } from 'zod';
import type { Clock } from '../../engine/clock/clock.ts';
import { HttpError } from '../http/problem.ts';
import { validate } from '../http/validate.ts';
import { SESSION_COOKIE } from './authenticate.ts';
import { checkPassword } from './passwords.ts';
import { currentUser } from './policies.ts';
import type { UserStore } from './user-store.ts';

export const LoginSchema = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
  /** 'bearer' for machine clients: the token comes back in the body, no cookie is set. */
  client: z.enum(['browser', 'bearer']).default('browser'),
});

export function authRoutes(users: UserStore, clock: Clock, options: { loginLimit?: number; secureCookies?: boolean } = {}): Router {
  const router = Router();
  // Ten tries a minute per address and username: enough for typos, too few for guessing.
  const limiter = rateLimit({
    windowMs: 60_000, limit: options.loginLimit ?? 10, standardHeaders: 'draft-8', legacyHeaders: false,
    keyGenerator: (req) => `${ipKeyGenerator(req.ip ?? '')}:${String(req.body?.username ?? '')}`,
    handler: (_req, _res, next) => next(new HttpError(429, 'rate_limited', 'too many sign-in attempts; wait a minute')),
  });

  router.post('/api/auth/login', limiter, validate({ body: LoginSchema }), async (req, res) => {
    const { username, password, client } = req.valid.body as z.infer<typeof LoginSchema>;
    const found = await users.byUsername(username);
    if (!(await checkPassword(found?.passwordHash, password)) || !found) throw new HttpError(401, 'invalid_credentials', 'wrong username or password');
    const session = await users.openSession(found.user.id, client === 'bearer' ? 'bearer' : 'cookie', clock.now());
    if (client === 'bearer') return res.json({ user: found.user, token: session.token, expiresAt: session.expiresAt });
    res.cookie(SESSION_COOKIE, session.token, {
      httpOnly: true, sameSite: 'strict', secure: options.secureCookies ?? false, expires: session.expiresAt, path: '/',
    });
    res.json({ user: found.user, csrfToken: session.csrfToken, expiresAt: session.expiresAt });
  });

  router.post('/api/auth/logout', async (req, res) => {
    const raw = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? req.cookies?.[SESSION_COOKIE];
    if (req.user && raw) await users.closeSession(raw);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  router.get('/api/auth/me', (req, res) => {
    res.json({ user: currentUser(req) });
  });
  return router;
}
