import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Page, UsersService } from '@ksbb/core';
import { Roles } from '../platform/auth.decorators';
import { IfMatchVersion } from '../platform/if-match';
import { ApiIdempotent, ApiIfMatch, ApiPage, ApiProblems } from '../platform/openapi.decorators';
import { CreateUserRequest, UpdateUserRequest, UserListQuery } from './dto/user.requests';
import { UserResponse } from './dto/user.response';
import { ParseUuid } from '../platform/uuid.pipe';

@ApiTags('users')
@Controller('users')
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiPage(UserResponse)
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'usersList',
    summary: 'List users',
    description: 'Paginated, filterable by role and text. 400 on a malformed query.',
  })
  async list(@Query() q: UserListQuery): Promise<Page<UserResponse>> {
    const page = await this.users.list({ role: q.role, active: q.active, q: q.q }, q);
    return { ...page, data: page.data.map(UserResponse.of) };
  }

  @Get(':id')
  @ApiOkResponse({ type: UserResponse })
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'usersGet',
    summary: 'Get a user',
    description: '404 when unknown.',
  })
  async get(@Param('id', ParseUuid) id: string): Promise<UserResponse> {
    return UserResponse.of(await this.users.get(id));
  }

  @Post()
  @ApiIdempotent()
  @ApiCreatedResponse({ type: UserResponse })
  @ApiProblems(400, 409)
  @ApiOperation({
    operationId: 'usersCreate',
    summary: 'Create a user',
    description: 'A collaborator or aggregator user needs the organisation it acts for. 409 when the email is taken.',
  })
  async create(@Body() body: CreateUserRequest): Promise<UserResponse> {
    return UserResponse.of(await this.users.create(body));
  }

  @Patch(':id')
  @ApiIfMatch()
  @ApiOkResponse({ type: UserResponse })
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'usersUpdate',
    summary: 'Update a user',
    description: 'Role, language, organisation, active flag or password; `active: false` also revokes the user’s sessions. Send `If-Match` (412 when stale). 404 when unknown.',
  })
  async update(
    @Param('id', ParseUuid) id: string,
    @Body() body: UpdateUserRequest,
    @IfMatchVersion() version?: number,
  ): Promise<UserResponse> {
    return UserResponse.of(await this.users.update(id, body, version));
  }
}
