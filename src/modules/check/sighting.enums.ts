import { registerEnumType } from 'type-graphql';

/** How a clerk entered the tracking number of a checked parcel. */
export enum SightingMethod {
  /** Typed at the keyboard. */
  TYPED = 'TYPED',
  /** Read by a barcode scanner (it types the code and Enter). */
  SCANNER = 'SCANNER',
  /** Read from the camera. */
  CAMERA = 'CAMERA',
}

registerEnumType(SightingMethod, { name: 'SightingMethod', description: 'How the tracking number of a checked parcel was entered.' });
