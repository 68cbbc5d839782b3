import { Field, ObjectType } from 'type-graphql';
import { Contact } from '../contact/contact.entity.js';

/** Answer to `login` and `changePassword`. */
@ObjectType({ description: 'A signed access token and the contact it belongs to.' })
export class AuthPayload {
  @Field({ description: 'JWT (HS256) to send as `Authorization: Bearer <token>`, or as graphql-ws connection param.' })
  token!: string;

  @Field({ description: 'When the token stops working.' })
  expiresAt!: Date;

  @Field(() => Contact)
  contact!: Contact;
}
