import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { CollaboratorType } from '../collaborators/collaborator.entity';

/** The organisation a self-service sign-up creates, with every optional field resolved. */
export interface RegisteredCollaborator {
  type: CollaboratorType;
  name: string;
  country: string;
  registrationNumber: string | null;
  taxNumber: string | null;
  email: string;
  phone: string | null;
  address: string | null;
  picName: string;
  publicOptIn: boolean;
}

/** Writes of a self-service sign-up besides the user row (which UsersRepository writes). */
@Injectable()
export class RegistrationsRepository {
  /** Inserts the collaborator (pending verification) in the sign-up's transaction; returns its id. */
  async insertCollaborator(manager: EntityManager, c: RegisteredCollaborator): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO collaborators (type, name, country, registration_number, tax_number, email, phone, address, pic_name, public_opt_in)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        c.type,
        c.name,
        c.country,
        c.registrationNumber,
        c.taxNumber,
        c.email,
        c.phone,
        c.address,
        c.picName,
        c.publicOptIn,
      ],
    );
    return id;
  }
}
