import { Lang, ReportMoneyTotals } from '../report.types';

/** Every word a rendered report prints, so that both languages are checked by the compiler to say the same things. */
export interface ReportLabels {
  title: string;
  yes: string;
  no: string;
  pageOf: (page: number, pages: number) => string;
  /** The label of a table's totals row. */
  total: string;
  /** The label of a subtotal row: "subtotal 0–90 days". */
  subtotal: (of: string) => string;
  /** The workbook's sheets, named in the report's language. */
  sheets: {
    summary: string;
    sales: string;
    receivables: string;
    cancellations: string;
    priceLists: string;
    notes: string;
    subsequentEvents: string;
    restatement: string;
  };
  /** The PDF's appendix of cleared flags: a sale line shows its open and decided flags only. */
  clearedFlags: { heading: string; explanation: string; none: string; unit: string; type: string; severity: string; status: string; notes: string };
  sections: {
    summary: string;
    openFlags: string;
    changes: string;
    receivables: string;
    cancellations: string;
    sales: string;
    priceLists: string;
    notes: string;
    subsequentEvents: string;
    restatement: string;
  };
  identity: {
    projectCode: string;
    projectName: string;
    currency: string;
    asOf: string;
    generatedAt: string;
    generatedBy: string;
    reportId: string;
    restatementOf: string;
    previousReportId: string;
    sha256: string;
    auditChainSeq: string;
    auditChainHash: string;
    auditChainSignature: string;
  };
  summary: ReportMoneyTotals & {
    unitsTotal: string;
    unitsSold: string;
    unitsUnsold: string;
    openFlagsTotal: string;
  };
  openFlags: { type: string; severity: string; count: string };
  changes: {
    previousAsOf: string;
    salesAdded: string;
    salesRemoved: string;
    paymentsAdded: string;
    paymentsAddedAmount: string;
    paymentsRemoved: string;
    paymentsRemovedAmount: string;
    flagsRaised: string;
    flagsClosed: string;
    figure: string;
    previous: string;
    current: string;
    change: string;
  };
  sales: {
    unit: string;
    unitType: string;
    area: string;
    buyers: string;
    referrer: string;
    contractDate: string;
    handedOverOn: string;
    occupied: string;
    listPrice: string;
    netPrice: string;
    marketPrice: string;
    marketMethod: string;
    variance: string;
    variancePct: string;
    paid: string;
    outstanding: string;
    relatedParty: string;
    flags: string;
    notes: string;
  };
  receivables: {
    unit: string;
    debtors: string;
    amount: string;
    daysOutstanding: string;
    agingBucket: string;
    relatedParty: string;
    occupied: string;
    notes: string;
  };
  cancellations: {
    unit: string;
    buyers: string;
    cancelledOn: string;
    paid: string;
    forfeited: string;
    refunded: string;
    refundOwed: string;
  };
  priceLists: {
    /** Under the table in the PDF: how to read the gap and the market change. */
    explanation: string;
    batchNo: string;
    issuedOn: string;
    unitType: string;
    units: string;
    averageListPricePerSqm: string;
    averageNetPricePerSqm: string;
    earlierBatch: string;
    earlierIssuedOn: string;
    earlierNetPricePerSqm: string;
    gapPerSqm: string;
    gapPct: string;
    marketFromAsOf: string;
    marketFromPerSqm: string;
    marketToAsOf: string;
    marketToPerSqm: string;
    marketChangePct: string;
    flag: string;
  };
  notes: { number: string; unit: string; text: string };
  subsequentEvents: {
    /** Under the heading in the PDF: what these events are, and that the report leaves them out. */
    explanation: (asOf: string) => string;
    none: string;
    date: string;
    event: string;
    subject: string;
    amount: string;
    detail: string;
    kinds: { payment: string; reversal: string; cancellation: string; refund: string; review: string; flagRaised: string };
    priceList: (batchNo: string, unitType: string | null) => string;
    reverses: (kind: string, receivedOn: string) => string;
    review: (type: string, decision: string, reviewer: string) => string;
  };
  restatement: {
    restates: (reportId: string) => string;
    restatesNone: string;
    noDifference: string;
    /** How a list that changed (payments, flags, buyers) is shown. */
    explanation: string;
    totals: string;
    lines: string;
    figure: string;
    previous: string;
    current: string;
    change: string;
    section: string;
    unit: string;
    lineChange: string;
    field: string;
    changes: { ADDED: string; REMOVED: string; CHANGED: string };
    payments: string;
    /** A part of a figure: "open flags: severity HIGH". */
    partOf: (whole: string, part: string) => string;
  };
}

export const REPORT_LABELS: Record<Lang, ReportLabels> = {
  en: {
    title: 'Liquidation report',
    yes: 'yes',
    no: 'no',
    pageOf: (page, pages) => `page ${page} of ${pages}`,
    total: 'total',
    subtotal: (of) => `subtotal ${of}`,
    sheets: {
      summary: 'Summary',
      sales: 'Sales',
      receivables: 'Receivables',
      cancellations: 'Cancellations',
      priceLists: 'Price lists',
      notes: 'Notes',
      subsequentEvents: 'Subsequent events',
      restatement: 'Restatement',
    },
    clearedFlags: {
      heading: 'Appendix: cleared flags',
      explanation: 'Flags whose condition no longer held by the as-of date. The sales lines show only the open, confirmed and dismissed flags.',
      none: 'No flag was cleared.',
      unit: 'unit',
      type: 'flag type',
      severity: 'severity',
      status: 'status',
      notes: 'notes',
    },
    sections: {
      summary: 'Summary',
      openFlags: 'Open flags',
      changes: 'Changes since the previous report',
      receivables: 'Receivables',
      cancellations: 'Cancelled sales',
      sales: 'Sales',
      priceLists: 'Price lists',
      notes: 'Notes',
      subsequentEvents: 'Events after the balance date',
      restatement: 'Restatement',
    },
    identity: {
      projectCode: 'project code',
      projectName: 'project name',
      currency: 'currency',
      asOf: 'as of',
      generatedAt: 'generated at',
      generatedBy: 'generated by',
      reportId: 'report id',
      restatementOf: 'restates report',
      previousReportId: 'previous report id',
      sha256: 'sha256',
      auditChainSeq: 'audit chain head seq',
      auditChainHash: 'audit chain head hash',
      auditChainSignature: 'audit chain head signature (Ed25519)',
    },
    summary: {
      unitsTotal: 'units total',
      unitsSold: 'units sold',
      unitsUnsold: 'units unsold',
      contractValue: 'contract value',
      cashReceived: 'cash received',
      receivables: 'receivables',
      relatedPartyReceivables: 'related-party receivables',
      marketShortfall: 'market shortfall',
      openFlagsTotal: 'open flags',
    },
    openFlags: { type: 'flag type', severity: 'severity', count: 'open' },
    changes: {
      previousAsOf: 'previous report as of',
      salesAdded: 'sales added',
      salesRemoved: 'sales removed',
      paymentsAdded: 'payments added',
      paymentsAddedAmount: 'payments added, amount',
      paymentsRemoved: 'payments removed',
      paymentsRemovedAmount: 'payments removed, amount',
      flagsRaised: 'flags raised',
      flagsClosed: 'flags closed',
      figure: 'figure',
      previous: 'previous',
      current: 'current',
      change: 'change',
    },
    sales: {
      unit: 'unit',
      unitType: 'unit type',
      area: 'area',
      buyers: 'buyers',
      referrer: 'referrer',
      contractDate: 'contract date',
      handedOverOn: 'handed over on',
      occupied: 'occupied',
      listPrice: 'list price',
      netPrice: 'net price',
      marketPrice: 'market price',
      marketMethod: 'market method',
      variance: 'variance',
      variancePct: 'variance %',
      paid: 'paid',
      outstanding: 'outstanding',
      relatedParty: 'related party',
      flags: 'flags',
      notes: 'notes',
    },
    receivables: {
      unit: 'unit',
      debtors: 'debtors',
      amount: 'amount',
      daysOutstanding: 'days outstanding',
      agingBucket: 'aging bucket',
      relatedParty: 'related party',
      occupied: 'occupied',
      notes: 'notes',
    },
    cancellations: {
      unit: 'unit',
      buyers: 'buyers',
      cancelledOn: 'cancelled on',
      paid: 'paid',
      forfeited: 'forfeited',
      refunded: 'refunded',
      refundOwed: 'refund owed',
    },
    priceLists: {
      explanation:
        'Each price list issued by the as-of date, unit type by unit type, with the earlier batch it is compared with. ' +
        "Gap: the earlier batch's average net price per m² less this batch's (positive: priced below the earlier batch). " +
        "Market: evidence per m² on or before each batch's issue date.",
      batchNo: 'batch',
      issuedOn: 'issued on',
      unitType: 'unit type',
      units: 'units',
      averageListPricePerSqm: 'average list price per m²',
      averageNetPricePerSqm: 'average net price per m²',
      earlierBatch: 'earlier batch',
      earlierIssuedOn: 'earlier batch issued on',
      earlierNetPricePerSqm: 'earlier batch average net price per m²',
      gapPerSqm: 'gap per m²',
      gapPct: 'gap %',
      marketFromAsOf: 'market date at earlier batch',
      marketFromPerSqm: 'market per m² at earlier batch',
      marketToAsOf: 'market date at this batch',
      marketToPerSqm: 'market per m² at this batch',
      marketChangePct: 'market change %',
      flag: 'flag',
    },
    notes: { number: 'note', unit: 'unit', text: 'text' },
    subsequentEvents: {
      explanation: (asOf) =>
        `Dated after the as-of date (${asOf}) and recorded by the time this report was generated: none of them is in the figures or notes above.`,
      none: 'None recorded.',
      date: 'date',
      event: 'event',
      subject: 'unit or price list',
      amount: 'amount',
      detail: 'detail',
      kinds: {
        payment: 'payment',
        reversal: 'payment reversed',
        cancellation: 'sale cancelled',
        refund: 'refund paid',
        review: 'review decision',
        flagRaised: 'flag raised',
      },
      priceList: (batchNo, unitType) => `price list ${batchNo}${unitType === null ? '' : ` ${unitType}`}`,
      reverses: (kind, receivedOn) => `${kind}, reverses the payment of ${receivedOn}`,
      review: (type, decision, reviewer) => `${type}: ${decision} by ${reviewer}`,
    },
    restatement: {
      restates: (reportId) => `This report restates report ${reportId} of the same as-of date. What differs from it:`,
      restatesNone: 'This report restates no other report.',
      noDifference: 'No total and no line differs.',
      explanation: 'Of a list that changed (payments, flags, buyers), only the entries that differ are shown on each side.',
      totals: 'Totals that differ',
      lines: 'Lines that differ',
      figure: 'figure',
      previous: 'restated report',
      current: 'this report',
      change: 'change',
      section: 'section',
      unit: 'unit',
      lineChange: 'line',
      field: 'field',
      changes: { ADDED: 'added', REMOVED: 'removed', CHANGED: 'changed' },
      payments: 'payments',
      partOf: (whole, part) => `${whole}: ${part}`,
    },
  },
  zh: {
    title: '清算报告',
    yes: '是',
    no: '否',
    pageOf: (page, pages) => `第 ${page} 页，共 ${pages} 页`,
    total: '合计',
    subtotal: (of) => `小计 ${of}`,
    sheets: {
      summary: '汇总',
      sales: '销售明细',
      receivables: '应收款',
      cancellations: '已撤销销售',
      priceLists: '价目表',
      notes: '附注',
      subsequentEvents: '资产负债表日后事项',
      restatement: '重述',
    },
    clearedFlags: {
      heading: '附录：已解除预警',
      explanation: '截止日期前因条件不再成立而解除的预警。销售明细只列示未结、已确认和已驳回的预警。',
      none: '没有已解除的预警。',
      unit: '房号',
      type: '预警类型',
      severity: '严重程度',
      status: '状态',
      notes: '附注',
    },
    sections: {
      summary: '汇总',
      openFlags: '未结预警',
      changes: '与上期报告相比的变动',
      receivables: '应收款',
      cancellations: '已撤销销售',
      sales: '销售明细',
      priceLists: '价目表',
      notes: '附注',
      subsequentEvents: '资产负债表日后事项',
      restatement: '重述',
    },
    identity: {
      projectCode: '项目编号',
      projectName: '项目名称',
      currency: '币种',
      asOf: '截止日期',
      generatedAt: '生成时间',
      generatedBy: '生成人',
      reportId: '报告编号',
      restatementOf: '所重述的报告',
      previousReportId: '上期报告编号',
      sha256: 'sha256',
      auditChainSeq: '审计链头序号',
      auditChainHash: '审计链头哈希',
      auditChainSignature: '审计链头签名 (Ed25519)',
    },
    summary: {
      unitsTotal: '房源总数',
      unitsSold: '已售套数',
      unitsUnsold: '未售套数',
      contractValue: '合同总额',
      cashReceived: '已收款',
      receivables: '应收款',
      relatedPartyReceivables: '关联方应收款',
      marketShortfall: '低于市场价合计',
      openFlagsTotal: '未结预警',
    },
    openFlags: { type: '预警类型', severity: '严重程度', count: '未结数' },
    changes: {
      previousAsOf: '上期报告截止日期',
      salesAdded: '新增销售',
      salesRemoved: '减少销售',
      paymentsAdded: '新增收款笔数',
      paymentsAddedAmount: '新增收款金额',
      paymentsRemoved: '减少收款笔数',
      paymentsRemovedAmount: '减少收款金额',
      flagsRaised: '新增预警',
      flagsClosed: '关闭预警',
      figure: '项目',
      previous: '上期',
      current: '本期',
      change: '变动',
    },
    sales: {
      unit: '房号',
      unitType: '户型',
      area: '面积',
      buyers: '买方',
      referrer: '介绍人',
      contractDate: '签约日期',
      handedOverOn: '交付日期',
      occupied: '入住',
      listPrice: '表价',
      netPrice: '成交价',
      marketPrice: '市场价',
      marketMethod: '估价方法',
      variance: '差额',
      variancePct: '差额%',
      paid: '已付',
      outstanding: '未付',
      relatedParty: '关联方',
      flags: '预警',
      notes: '附注',
    },
    receivables: {
      unit: '房号',
      debtors: '债务人',
      amount: '金额',
      daysOutstanding: '账龄天数',
      agingBucket: '账龄区间',
      relatedParty: '关联方',
      occupied: '入住',
      notes: '附注',
    },
    cancellations: {
      unit: '房号',
      buyers: '买方',
      cancelledOn: '撤销日期',
      paid: '已付',
      forfeited: '没收金额',
      refunded: '已退款',
      refundOwed: '应退未退',
    },
    priceLists: {
      explanation:
        '截止日期前发布的各期价目表，按户型列示，并与对比批次（前批）相比。' +
        '价差：前批平均折后单价减本批平均折后单价（正数表示本批定价低于前批）。' +
        '市场价：各批次发布日或之前的每平方米市场价证据。',
      batchNo: '批次',
      issuedOn: '发布日期',
      unitType: '户型',
      units: '套数',
      averageListPricePerSqm: '平均表价/m²',
      averageNetPricePerSqm: '平均折后价/m²',
      earlierBatch: '对比批次',
      earlierIssuedOn: '前批发布日期',
      earlierNetPricePerSqm: '前批平均折后价/m²',
      gapPerSqm: '价差/m²',
      gapPct: '价差%',
      marketFromAsOf: '前批市场日期',
      marketFromPerSqm: '前批市场价/m²',
      marketToAsOf: '本批市场日期',
      marketToPerSqm: '本批市场价/m²',
      marketChangePct: '市场价变动%',
      flag: '预警',
    },
    notes: { number: '附注', unit: '房号', text: '内容' },
    subsequentEvents: {
      explanation: (asOf) => `截止日期（${asOf}）之后发生、本报告生成前已记录的事项，均未计入上述数字和附注。`,
      none: '无。',
      date: '日期',
      event: '事项',
      subject: '房号或价目表',
      amount: '金额',
      detail: '说明',
      kinds: {
        payment: '收款',
        reversal: '收款冲销',
        cancellation: '销售撤销',
        refund: '退款',
        review: '复核决定',
        flagRaised: '新增预警',
      },
      priceList: (batchNo, unitType) => `价目表 ${batchNo}${unitType === null ? '' : ` ${unitType}`}`,
      reverses: (kind, receivedOn) => `${kind}，冲销 ${receivedOn} 的收款`,
      review: (type, decision, reviewer) => `${type}：${decision}（复核人 ${reviewer}）`,
    },
    restatement: {
      restates: (reportId) => `本报告重述同一截止日期的报告 ${reportId}。与其不同之处如下：`,
      restatesNone: '本报告未重述其他报告。',
      noDifference: '汇总数和明细均无不同。',
      explanation: '列表（收款、预警、买方）有变动的，两侧只列示不同的条目。',
      totals: '不同的汇总数',
      lines: '不同的明细',
      figure: '项目',
      previous: '被重述报告',
      current: '本报告',
      change: '变动',
      section: '部分',
      unit: '房号',
      lineChange: '明细',
      field: '字段',
      changes: { ADDED: '新增', REMOVED: '删除', CHANGED: '变动' },
      payments: '收款记录',
      partOf: (whole, part) => `${whole}：${part}`,
    },
  },
};
