import { Type } from '@sinclair/typebox';
import { compileParser } from '../../lib/validate.js';
import { ROLES } from '../../content/roles.js';

const Email = Type.String({ pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$', maxLength: 254 });
/** Long passphrases welcome; ten characters is NIST's floor for a chosen password plus margin. */
export const Password = Type.String({ minLength: 10, maxLength: 256 });
const Role = Type.Union(ROLES.map((role) => Type.Literal(role)));

export const SignInInput = Type.Object({ email: Type.String({ minLength: 1, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false });
export const signInInput = compileParser(SignInInput);

export const NewAccountInput = Type.Object(
  { email: Email, name: Type.String({ minLength: 1, maxLength: 200 }), role: Role, password: Password },
  { additionalProperties: false },
);
export const newAccountInput = compileParser(NewAccountInput);

export const SetupInput = Type.Object({ email: Email, name: Type.String({ minLength: 1, maxLength: 200 }), password: Password }, { additionalProperties: false });

export const InvitationInput = Type.Object({ email: Email, name: Type.String({ minLength: 1, maxLength: 200 }), role: Role }, { additionalProperties: false });
export const invitationInput = compileParser(InvitationInput);

export const TokenPasswordInput = Type.Object({ token: Type.String({ minLength: 20, maxLength: 100 }), password: Password }, { additionalProperties: false });
export const tokenPasswordInput = compileParser(TokenPasswordInput);

export const ResetRequestInput = Type.Object({ email: Type.String({ minLength: 1, maxLength: 254 }) }, { additionalProperties: false });
export const resetRequestInput = compileParser(ResetRequestInput);

export const RoleChangeInput = Type.Object({ role: Role }, { additionalProperties: false });
export const roleChangeInput = compileParser(RoleChangeInput);

/** Emails compare without case or surrounding spaces, as people type them. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
