import type { FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors.js';
import { can, type Capability, type Staff } from '../content/roles.js';
import { requireSession, type ActiveSession } from '../operations/accounts/sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The newsroom session the request's cookie opens, if any; set by the admin API's first hook. */
    staffSession: ActiveSession | undefined;
  }
}

/** The signed-in person, or a 401. */
export function staffOf(request: FastifyRequest): Staff {
  return requireSession(request.staffSession).staff;
}

/**
 * The signed-in person if their role grants `capability`, or a 403 that names
 * what they tried, checked before anything is read or written.
 */
export function requireCapability(request: FastifyRequest, capability: Capability, what: string): Staff {
  const staff = staffOf(request);
  if (!can(staff.role, capability)) throw new AppError('FORBIDDEN', `Your role (${staff.role}) cannot ${what}`);
  return staff;
}
