/** The collections module's public face: what other modules may import from it (see .dependency-cruiser.cjs). */
export type { CollectionPolicyService } from './collection-policy.service';
export { collectionsCobWriter } from './collections.cob';
export { collectionPolicySchema, conductSchema, asPolicy } from './collections-definition';
export { MESSENGERS } from './providers/messenger';
