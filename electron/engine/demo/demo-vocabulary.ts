// The words of the demo world. Values stay in Chinese because that is what a client's export holds;
// the simulation refers to them by index, so the order of every list is part of the dataset.

export const CHANNELS = ['电话', '在线客服', '邮件', 'App内反馈', '微信'] as const;
export const CHANNEL = { phone: 0, chat: 1, email: 2, app: 3, wechat: 4 } as const;
export const CHANNEL_WEIGHTS = [30, 30, 10, 15, 15] as const;
/** Companies write e-mails far more often than consumers do. */
export const ENTERPRISE_CHANNEL_WEIGHTS = [25, 20, 35, 5, 15] as const;
/** Median first response in minutes for a P3 ticket of a fully staffed first-line team. */
export const CHANNEL_FRT_MEDIAN_MINUTES = [22, 15, 90, 150, 40] as const;
/** E-mail and in-app feedback wait for the morning shift; phone, chat and WeChat are staffed 24/7. */
export const CHANNEL_WAITS_FOR_OFFICE_HOURS = [false, false, true, true, false] as const;
/** Share of tickets transferred at least once; the phone share is planted (pattern C). */
export const CHANNEL_TRANSFER_RATE = [0.1, 0.09, 0.07, 0.06, 0.08] as const;
export const CHANNEL_SURVEY_RESPONSE_RATE = [0.36, 0.42, 0.3, 0.38, 0.45] as const;

export const CATEGORIES = ['功能使用障碍', '账单与退款', '物流配送', '账号与登录', '产品质量', '投诉建议'] as const;
export const CATEGORY = { usage: 0, billing: 1, logistics: 2, account: 3, quality: 4, complaint: 5 } as const;
export const CATEGORY_WEIGHTS = [22, 17, 20, 14, 16, 11] as const;
export const CATEGORY_RESOLUTION_MEDIAN_HOURS = [16, 26, 36, 5, 44, 30] as const;
export const CATEGORY_REOPEN_RATE = [0.1, 0.05, 0.05, 0.04, 0.13, 0.07] as const;
export const CATEGORY_CSAT_SHIFT = [0, -0.1, 0, 0.1, -0.25, -0.6] as const;

export const PRODUCTS = ['智能门锁 X1', '智能门锁 X2', '扫地机器人 S7', '空气净化器 A3', '智能摄像头 C2', '净水器 R5'] as const;
export const PRODUCT = { lockX1: 0, lockX2: 1 } as const;
/** Weights among launched products; 智能门锁 X2 only sells from its launch day. */
export const PRODUCT_WEIGHTS = [22, 16, 25, 15, 20, 18] as const;

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export const PRIORITY_WEIGHTS = [5, 17, 53, 25] as const;
export const PRIORITY_FRT_FACTOR = [0.35, 0.65, 1, 1.3] as const;
export const PRIORITY_RESOLUTION_FACTOR = [0.2, 0.5, 1, 1.5] as const;

export const SEGMENTS = ['个人', '企业', 'VIP'] as const;
export const SEGMENT = { consumer: 0, enterprise: 1, vip: 2 } as const;
export const SEGMENT_WEIGHTS = [80, 14, 6] as const;

export const TEAMS = ['华东一组', '华东二组', '华南组', '华北组', '华中组', '西南组', '二线技术支持'] as const;
export const TEAM = { eastOne: 0, eastTwo: 1, south: 2, north: 3, central: 4, southwest: 5, secondLine: 6 } as const;

/** Agents per team. 华东二组 keeps only its first three agents after its staffing change. */
export const TEAM_AGENTS: readonly (readonly string[])[] = [
  ['王芳', '李娜', '张伟', '刘洋', '陈静', '杨帆', '赵磊', '黄敏'],
  ['周杰', '吴倩', '徐丽', '孙浩', '马超', '朱婷', '胡斌', '郭琳'],
  ['何鹏', '高翔', '林悦', '罗佳', '郑凯', '梁爽', '谢雨', '宋涛'],
  ['唐颖', '许晨', '韩冰', '冯雪', '邓辉', '曹阳', '彭博', '曾晓', '肖楠'],
  ['田甜', '董鑫', '潘婷', '袁野', '蒋欣', '蔡明'],
  ['余洁', '叶青', '程远', '魏然', '苏晴', '吕方', '丁宁'],
  ['任杰', '沈璐', '姚远', '卢俊', '姜山', '崔颖'],
];

/** Province, relative ticket weight, first-line team, a city for company names. */
export const REGION_TABLE: readonly (readonly [string, number, number, string])[] = [
  ['广东', 13, TEAM.south, '深圳'],
  ['浙江', 9, TEAM.eastOne, '杭州'],
  ['江苏', 9, TEAM.eastOne, '南京'],
  ['山东', 7, TEAM.north, '济南'],
  ['四川', 7, TEAM.southwest, '成都'],
  ['上海', 6, TEAM.eastOne, '上海'],
  ['北京', 6, TEAM.north, '北京'],
  ['河南', 6, TEAM.central, '郑州'],
  ['湖北', 5, TEAM.central, '武汉'],
  ['福建', 5, TEAM.south, '厦门'],
  ['湖南', 4, TEAM.central, '长沙'],
  ['安徽', 4, TEAM.eastOne, '合肥'],
  ['河北', 4, TEAM.north, '石家庄'],
  ['重庆', 3, TEAM.southwest, '重庆'],
  ['陕西', 3, TEAM.southwest, '西安'],
  ['天津', 2, TEAM.north, '天津'],
  ['辽宁', 2, TEAM.north, '沈阳'],
  ['云南', 2, TEAM.southwest, '昆明'],
  ['广西', 2, TEAM.south, '南宁'],
  ['江西', 2, TEAM.eastOne, '南昌'],
  ['贵州', 1, TEAM.southwest, '贵阳'],
  ['山西', 1, TEAM.north, '太原'],
  ['海南', 1, TEAM.south, '海口'],
];
export const REGIONS: readonly string[] = REGION_TABLE.map((r) => r[0]);
export const REGION_SICHUAN = REGIONS.indexOf('四川');

/** Common surnames, most frequent first; customer names are masked to the surname. */
export const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高',
  '林', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁',
  '潘', '于', '蒋', '蔡', '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔',
  '钟', '谭', '陆', '汪', '范', '金', '石', '廖', '贾', '夏', '韦', '方', '白', '邹', '孟', '熊', '秦', '邱',
  '欧阳', '司马', '上官',
] as const;
export const COMPANY_KINDS = ['科技有限公司', '电子商务有限公司', '贸易有限公司', '物业管理有限公司', '酒店管理有限公司', '家居有限公司'] as const;

export const EVENTS = [
  'created', 'assigned', 'first_response', 'transferred', 'pending_customer', 'resolved', 'reopened', 'closed',
] as const;
export const EVENT = {
  created: 0, assigned: 1, firstResponse: 2, transferred: 3, pendingCustomer: 4, resolved: 5, reopened: 6, closed: 7,
} as const;

export const STATUSES = ['已关闭', '已解决', '处理中', '待客户回复'] as const;
export const STATUS = { closed: 0, resolved: 1, inProgress: 2, pendingCustomer: 3 } as const;

/** The phone menu before and after the change of pattern C, by ticket category. */
export const IVR_PATH_OPERATOR = '主菜单 > 0 人工服务';
export const IVR_PATHS_BEFORE: readonly string[] = [
  '主菜单 > 2 售后服务 > 1 使用咨询',
  '主菜单 > 3 账户与账单 > 2 退款',
  '主菜单 > 1 订单查询 > 1 物流进度',
  '主菜单 > 3 账户与账单 > 1 账号登录',
  '主菜单 > 2 售后服务 > 2 故障报修',
  IVR_PATH_OPERATOR,
];
export const IVR_PATHS_AFTER: readonly string[] = [
  '主菜单 > 2 设备问题 > 1 门锁与摄像头',
  '主菜单 > 3 会员与账单',
  '主菜单 > 1 订单与物流',
  '主菜单 > 3 会员与账单',
  '主菜单 > 2 设备问题 > 2 其他设备',
  '主菜单 > 9 其他问题',
];
/** After the change, most misrouted callers come through the catch-all option. */
export const IVR_PATH_CATCH_ALL = '主菜单 > 9 其他问题';
export const IVR_PATH_INFO = '主菜单 > 1 订单查询 > 2 自助查询';
export const IVR_PATH_INFO_AFTER = '主菜单 > 1 订单与物流 > 自助查询';

/** Survey comments by category (index as CATEGORIES) and mood; a few clients answer in English. */
export const NEGATIVE_COMMENTS: readonly (readonly string[])[] = [
  ['设置了半天还是连不上网', '说明书写得太简单了，看不懂', 'App 更新后功能找不到了', '指纹识别老是失败', 'The app keeps disconnecting from the device.', '客服也说不清楚怎么操作'],
  ['退款拖了两个星期还没到账', '重复扣费，处理太慢', '发票开错了又要重新申请', 'Refund still not received after two weeks.', '优惠没有生效，客服推来推去'],
  ['快递太慢了，等了一个星期', '物流信息一直不更新', '包装破损，东西都压坏了', 'Delivery took far too long.', '送货员没打电话就放门口了'],
  ['验证码一直收不到', '账号被锁了好几天', '换手机号以后登录不了', 'Could not log in for days.', '找回密码的流程太复杂'],
  ['用了不到一个月就坏了', '换货以后还是同样的问题', '电池续航和宣传的差太多', 'Device broke within a month.', '噪音太大，质量不行'],
  ['投诉了三次都没人管', '态度很差，不想再用了', '一直让我等，没有结果', 'Nobody followed up on my complaint.', '承诺的回电一直没打过来'],
];
export const NEUTRAL_COMMENTS: readonly string[] = [
  '问题解决了，就是时间有点长', '还行吧', '一般，希望下次快一点', '解决了，但是中间转了好几个人', 'OK, but it took a while.',
  '基本满意', '流程可以再简化一下',
];
export const POSITIVE_COMMENTS: readonly string[] = [
  '客服很耐心，问题很快解决了', '非常满意，点赞', '处理很及时，谢谢', '专业，一次就解决了', 'Quick and helpful, thanks!',
  '态度很好', '回复很快，体验不错', 'Great support, problem solved.', '工程师上门很准时',
];
/** What Sichuan customers say once the Chengdu warehouse falls behind (pattern D). */
export const SICHUAN_LOGISTICS_COMMENTS: readonly string[] = [
  '成都仓发货太慢了，等了十天', '快递在成都转运中心卡了五天', '换了快递公司以后一直延误', '物流显示已签收但我没收到',
  'Stuck at the Chengdu hub for a week.', '四川这边的配送越来越差',
];
