import { newCollaborator, newUser, NewUser } from '../factories';
import type { TestApi } from './harness';
import { auth, commitmentBody, SIGNATURE } from './commitments';

export interface Donor {
  collaboratorId: string;
  members: NewUser[];
  token: string;
}

/** A verified collaborator with members in the given languages; the first member's token signs. */
export async function newDonor(api: TestApi, languages: ('id' | 'en')[] = ['id']): Promise<Donor> {
  const { id: collaboratorId } = await newCollaborator(api.ds);
  const members: NewUser[] = [];
  for (const language of languages)
    members.push(await newUser(api.ds, 'collaborator', { collaboratorId, language }));
  const { accessToken } = await api.login(members[0].email);
  return { collaboratorId, members, token: accessToken };
}

/** Drafted and signed by the donor, approved by the demo operator; each step must answer as the contract says. */
export async function approveNewCommitment(
  api: TestApi,
  donor: Donor,
  routing: { aggregatorId?: string } = {},
): Promise<{ id: string; number: string }> {
  const spec = routing.aggregatorId
    ? { deliveryMode: 'aggregator' as const, aggregatorId: routing.aggregatorId }
    : {};
  const created = await api.http
    .post('/api/v1/commitments')
    .set(auth(donor.token))
    .send(commitmentBody(donor.collaboratorId, spec));
  if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
  const signed = await api.http
    .post(`/api/v1/commitments/${created.body.id}/sign`)
    .set(auth(donor.token))
    .send(SIGNATURE);
  if (signed.status !== 200) throw new Error(`sign: ${signed.status} ${JSON.stringify(signed.body)}`);
  const approved = await api.http
    .post(`/api/v1/commitments/${created.body.id}/approve`)
    .set(auth(await api.tokenFor('operator')));
  if (approved.status !== 200)
    throw new Error(`approve: ${approved.status} ${JSON.stringify(approved.body)}`);
  return { id: approved.body.id, number: approved.body.number };
}
