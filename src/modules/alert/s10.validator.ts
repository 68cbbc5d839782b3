import { registerDecorator, type ValidationOptions } from 'class-validator';
import { s10Problem } from './s10.js';

/** class-validator decorator: the value is a UPU S10 item identifier with the right check digit. */
export function IsS10TrackingNumber(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'isS10TrackingNumber',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && s10Problem(value) === null,
        defaultMessage: (args) =>
          typeof args?.value === 'string'
            ? `${args.value}: ${s10Problem(args.value)}`
            : 'must be a UPU S10 tracking number',
      },
    });
  };
}
