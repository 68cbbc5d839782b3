import { Arg, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { Agency } from './agency.entity.js';
import { AgencyLevel, Sector } from './agency.enums.js';

@Resolver(() => Agency)
export class AgencyResolver {
  @Authorized()
  @Query(() => [Agency], { description: 'Agencies matching every given filter, by name. The organisation chart is open to every signed-in contact.' })
  agencies(
    @Ctx() { services }: Context,
    @Arg('sector', () => Sector, { nullable: true }) sector?: Sector,
    @Arg('level', () => AgencyLevel, { nullable: true }) level?: AgencyLevel,
    @Arg('parentId', () => ID, { nullable: true, description: 'Only the direct children of this agency.' })
    parentId?: string,
  ): Promise<Agency[]> {
    return services.agencies.list({ sector, level, parentId });
  }

  @Authorized()
  @Query(() => Agency, { description: 'One agency. Errors: NOT_FOUND.' })
  agency(@Arg('id', () => ID) id: string, @Ctx() { services }: Context): Promise<Agency> {
    return services.agencies.get(id);
  }

  @FieldResolver(() => Agency, { nullable: true, description: 'The unit above this one; null at the top.' })
  async parent(@Root() agency: Agency): Promise<Agency | null> {
    return (await agency.parent?.load()) ?? null;
  }

  @FieldResolver(() => [Agency], { description: 'The units directly under this one, by name.' })
  children(@Root() agency: Agency, @Ctx() { services }: Context): Promise<Agency[]> {
    return services.agencies.children(agency.id);
  }
}
