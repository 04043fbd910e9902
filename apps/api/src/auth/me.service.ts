import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotFoundError, Principal, UsersService } from '@ksbb/core';
import { UserResponse } from '../users/dto/user.response';
import { MeResponse, MembershipDto } from './dto/auth.dto';

/** Assembles `GET /auth/me`: the user (or API key), its roles and the organisation it belongs to. */
@Injectable()
export class MeService {
  constructor(
    private readonly users: UsersService,
    private readonly dataSource: DataSource,
  ) {}

  async describe(p: Principal): Promise<MeResponse> {
    const [collaborator, aggregator] = await Promise.all([
      p.collaboratorId ? this.membership(`SELECT id, name, status, type FROM collaborators WHERE id = $1`, p.collaboratorId) : null,
      p.aggregatorId ? this.membership(`SELECT id, name, status FROM aggregators WHERE id = $1`, p.aggregatorId) : null,
    ]);
    if (p.kind === 'api_key') {
      return { kind: 'api_key', user: null, roles: ['aggregator'], collaborator: null, aggregator, apiKeyId: p.id };
    }
    const user = await this.users.findById(p.id as string);
    if (!user) throw new NotFoundError('user');
    return { kind: 'user', user: UserResponse.of(user), roles: [user.role], collaborator, aggregator, apiKeyId: null };
  }

  private async membership(sql: string, id: string): Promise<MembershipDto | null> {
    const rows = await this.dataSource.query(sql, [id]);
    return rows[0] ?? null;
  }
}
