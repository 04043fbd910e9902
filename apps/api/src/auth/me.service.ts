import { Injectable } from '@nestjs/common';
import { NotFoundError, Principal, UsersService } from '@ksbb/core';
import { UserResponse } from '../users/dto/user.response';
import { MeResponse } from './dto/auth.dto';

/** Assembles `GET /auth/me`: the user (or API key), its roles and the organisation it belongs to. */
@Injectable()
export class MeService {
  constructor(private readonly users: UsersService) {}

  async describe(p: Principal): Promise<MeResponse> {
    const { collaborator, aggregator } = await this.users.memberships(p);
    if (p.kind === 'api_key') {
      return {
        kind: 'api_key',
        user: null,
        roles: ['aggregator'],
        collaborator: null,
        aggregator,
        apiKeyId: p.id,
        emailVerified: true,
      };
    }
    const user = await this.users.findById(p.id as string);
    if (!user) throw new NotFoundError('user');
    return {
      kind: 'user',
      user: UserResponse.of(user),
      roles: [user.role],
      collaborator,
      aggregator,
      apiKeyId: null,
      emailVerified: user.emailVerifiedAt !== null,
    };
  }
}
