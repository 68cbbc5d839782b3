import { registerEnumType } from 'type-graphql';

/** The side of the coordination an agency belongs to. */
export enum Sector {
  POLICE = 'POLICE',
  POSTAL = 'POSTAL',
  GOVERNMENT = 'GOVERNMENT',
}

/** Level of an agency in its hierarchy; a branch (bưu cục) is a POSTAL agency at level BRANCH. */
export enum AgencyLevel {
  NATIONAL = 'NATIONAL',
  PROVINCIAL = 'PROVINCIAL',
  DISTRICT = 'DISTRICT',
  BRANCH = 'BRANCH',
}

registerEnumType(Sector, { name: 'Sector', description: 'The side of the coordination an agency belongs to.' });
registerEnumType(AgencyLevel, {
  name: 'AgencyLevel',
  description: 'Level in the hierarchy; a branch is a POSTAL agency at level BRANCH.',
});
