import type { Messages } from './en';

/** 简体中文 */
export const zhCN: Messages = {
  app: { title: 'microlend 管理台', signOut: '退出登录', language: '语言' },
  nav: { products: '贷款产品' },
  login: {
    title: '登录', tenant: '机构（租户标识）', email: '邮箱', password: '密码', submit: '登录',
    failed: '账号或密码不正确。',
  },
  products: {
    title: '贷款产品', new: '新建产品', code: '代码', name: '名称', segment: '客群', currency: '币种', status: '状态', version: '版本',
    none: '暂无产品。', search: '按代码或名称搜索', versions: '版本', compare: '版本条款对比', maxApr: '最高年化利率',
  },
  editor: {
    create: '创建产品', revise: '保存为新版本', terms: '条款', amountMin: '最低金额', amountMax: '最高金额',
    termMin: '最少期数', termMax: '最多期数', frequency: '还款频率', amortization: '还款方式', dayCount: '计息天数',
    rate: '年利率（A 级）', upfrontFee: '前置手续费（占本金比例）', decimals: '小数位', created: '产品 {{code}} 已创建。',
  },
  preview: {
    title: '还款计划预览', principal: '本金', term: '期数', number: '期次', dueDate: '应还日', principalCol: '本金', interest: '利息',
    fees: '费用', total: '合计', balance: '剩余本金', apr: '年化利率（APR）', totalPayable: '应还总额', netDisbursement: '实际到账',
    withinCap: '未超过利率上限（{{cap}}）', overCap: '年化利率 {{apr}} 超过上限 {{cap}}：{{description}}', noCap: '不适用利率上限',
  },
  errors: {
    RATE_CAP_EXCEEDED: '综合年化利率将超过当地利率上限：请降低利率或费用，或延长期限。',
    BAD_USER_INPUT: '有一项输入不被接受。',
    FORBIDDEN: '您的角色无权执行此操作。',
    UNAUTHENTICATED: '会话已结束，请重新登录。',
    CONFLICT: '他人同时修改了此内容，请刷新后重试。',
    NOT_FOUND: '该记录已不存在。',
    default: '请求失败。',
    field: '字段：{{field}}',
  },
};
