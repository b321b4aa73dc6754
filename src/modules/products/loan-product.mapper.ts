import type { LoanProductEntity, LoanProductVersionEntity } from './loan-product.entity';
import { Dec } from '../../core/money';
import type { LoanProductStatusEnum, LoanProductTermsType, LoanProductType, LoanProductVersionType } from './dto/loan-product.type';

export const toLoanProductType = (p: LoanProductEntity): LoanProductType => ({
  id: p.id, code: p.code, name: p.name, segment: p.segment, currency: p.currency, revolving: p.revolving,
  status: p.status as LoanProductStatusEnum, currentVersion: p.currentVersion, createdAt: p.createdAt, updatedAt: p.updatedAt, archivedAt: p.archivedAt,
});

export const toLoanProductVersionType = (v: LoanProductVersionEntity): LoanProductVersionType => ({
  version: v.version,
  terms: v.terms as unknown as LoanProductTermsType,
  maxApr: v.maxApr === null ? null : new Dec(v.maxApr).toFixed(),
  createdAt: v.createdAt,
});
