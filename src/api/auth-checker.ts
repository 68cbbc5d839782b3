import type { AuthChecker } from 'type-graphql';
import type { ContactRole } from '../platform/contact-role.js';
import type { Context } from './context.js';
import { forbidden, unauthenticated } from '../platform/errors.js';

/**
 * Backs `@Authorized(...roles)`: no viewer → UNAUTHENTICATED (with the reason a sent token was refused);
 * a viewer whose role is not listed → FORBIDDEN. `@Authorized()` with no roles admits any signed-in contact.
 */
export const authChecker: AuthChecker<Context, ContactRole> = ({ context }, roles) => {
  const { viewer, authError } = context.scope;
  if (authError) throw authError;
  if (!viewer) throw unauthenticated();
  if (roles.length > 0 && !roles.includes(viewer.role)) {
    throw forbidden(`This operation needs one of the roles ${roles.join(', ')}`);
  }
  return true;
};
