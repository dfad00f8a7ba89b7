/** Korean message catalog (default language). Every UI string lives here and in en.ts. */
import { koErrors } from "./errors-ko";
import { koStatements } from "./statements-ko";

export const ko = {
  app: { name: "Stock-Vis", tagline: "인공지능이 도와주는 미국 주식 투자분석", skipToContent: "본문으로 건너뛰기" },
  nav: {
    home: "홈", dashboard: "대시보드", portfolio: "포트폴리오", watchlist: "관심 종목", alerts: "알림",
    mypage: "마이페이지", signIn: "로그인", signUp: "회원가입", signOut: "로그아웃", menu: "메뉴",
    theme: "테마", themeLight: "라이트", themeDark: "다크", themeSystem: "시스템", language: "언어", mainNav: "주 메뉴",
  },
  common: {
    loading: "불러오는 중…", retry: "다시 시도", save: "저장", saving: "저장 중…", cancel: "취소", delete: "삭제",
    edit: "수정", close: "닫기", add: "추가", confirmDelete: "정말 삭제하시겠습니까?", errorTitle: "문제가 발생했습니다",
    schemaErrorTitle: "서버 응답 형식이 예상과 다릅니다",
    schemaError: "서버가 예상하지 못한 형식으로 응답했습니다. 화면을 표시할 수 없어 오류로 알려 드립니다.",
    schemaErrorField: "맞지 않는 항목: {path} ({url})", networkError: "서버에 연결할 수 없습니다.",
    required: "필수 입력 항목입니다.", number: "숫자를 입력하세요.", positiveNumber: "0보다 큰 숫자를 입력하세요.", notAvailable: "—",
    asOf: "기준 시각", nextUpdate: "다음 업데이트", simulated: "시뮬레이션 데이터", source: "출처", signInRequired: "로그인이 필요합니다.", pageNotFound: "요청한 페이지가 없습니다. 주소를 확인하세요.",
  },
  auth: {
    signInTitle: "로그인", signUpTitle: "회원가입", username: "아이디", email: "이메일", password: "비밀번호",
    passwordConfirm: "비밀번호 확인", submitSignIn: "로그인", submitSignUp: "가입하기", noAccount: "계정이 없으신가요?",
    haveAccount: "이미 계정이 있으신가요?", passwordMismatch: "비밀번호가 일치하지 않습니다.",
    passwordTooShort: "비밀번호는 8자 이상이어야 합니다.", invalidEmail: "올바른 이메일을 입력하세요.",
    signedUp: "가입이 완료되었습니다. 로그인합니다…",
  },
  search: {
    label: "종목 검색", placeholder: "종목명 또는 심볼 (예: AAPL)", noResults: "검색 결과가 없습니다.",
    rateLimited: "해당 종목은 관찰되지 않습니다.", popular: "인기 종목", stored: "데이터 보유", searching: "검색 중…",
  },
  home: { heroTitle: "미국 주식을 한눈에", heroBody: "차트, 기술적 지표, 재무제표, 실시간 가격을 로그인 없이 살펴보세요. 로그인하면 포트폴리오와 관심 종목, 알림을 관리할 수 있습니다.", popularEmpty: "인기 종목이 아직 없습니다. 위에서 종목을 검색해 보세요." },
  dashboard: {
    title: "대시보드", totalValue: "총 평가액", dayChange: "일간 변동", unrealizedPl: "평가 손익", realizedPl: "실현 손익",
    allocation: "자산 배분", history: "평가액 추이", benchmark: "벤치마크", value: "평가액", cost: "투자 원금",
    twr: "시간가중수익률 (TWR)", mwr: "금액가중수익률 (MWR)", marketOpen: "장 운영 중", marketClosed: "장 마감",
    nextOpen: "다음 개장", nextClose: "다음 마감", quota: "API 잔여 호출", empty: "아직 보유 종목이 없습니다. 포트폴리오에서 첫 종목을 추가하세요.",
    goPortfolio: "포트폴리오로 이동", historyEmpty: "추이를 그릴 데이터가 아직 없습니다.", live: "실시간", alertFired: "알림 발생",
  },
  portfolio: {
    title: "포트폴리오", addStock: "종목 추가", editStock: "보유 종목 수정", symbol: "종목 심볼", quantity: "수량",
    averagePrice: "평균 단가", notes: "메모", price: "현재가", change: "일간 변동", pl: "평가 손익", marketValue: "평가액",
    weight: "비중", empty: "보유 종목이 없습니다. ‘종목 추가’를 눌러 첫 종목을 등록하세요.", deleted: "삭제되었습니다.",
    collecting: "데이터 수집 중", collected: "데이터 수집 완료", openDetail: "상세 보기", selectSymbol: "목록에서 종목을 선택하거나 심볼을 입력하세요.",
    steps: { quote: "시세", overview: "개요", daily: "일봉", weekly: "주봉", financials: "재무제표", corporate_actions: "분할·배당" },
    states: { pending: "대기", running: "진행 중", done: "완료", partial: "일부 완료", failed: "실패", waiting_for_quota: "API 한도 대기" },
    transactions: "거래 내역", txEmpty: "거래 내역이 없습니다. 아래에서 CSV 파일을 가져오세요.", date: "날짜", type: "유형", fee: "수수료",
    txShown: "{total}건 중 {n}건 표시", txMore: "더 보기", splitRatio: "분할 비율 (새 주식:기존 주식, 예 2:1)", txTypes: { buy: "매수", sell: "매도", dividend: "배당", split: "분할" },
    importCsv: "CSV 가져오기", importHelp: "열: date,symbol,type,quantity,price,fee", chooseFile: "CSV 파일", importing: "가져오는 중…",
    imported: "가져온 행: {n}", addTransaction: "거래 기록", transactionSaved: "거래가 기록되었습니다.", invalidValue: "값을 확인하세요.", rejected: "거부된 행: {n}", line: "행", field: "항목", reason: "사유",
  },
  stock: {
    chart: "가격 차트", daily: "일봉", weekly: "주봉", period: "기간", chartType: "봉 종류", volume: "거래량",
    indicators: "기술적 지표", overlays: "가격 위 지표", panes: "보조 지표", signals: "매매 신호", composite: "종합 점수",
    stances: { strong_buy: "강한 매수", buy: "매수", neutral: "중립", sell: "매도", strong_sell: "강한 매도", unavailable: "계산 불가" },
    trackRecord: "과거 성과", horizon: "기간", direction: "방향", bullish: "상승 신호", bearish: "하락 신호", events: "발생 횟수", hitRate: "적중률",
    meanReturn: "평균 수익률", buyHold: "단순 보유 수익률", trackRecordNote: "마지막 봉 이전의 데이터만으로 계산한 과거 신호의 성과입니다.", noSignals: "현재 신호가 없습니다.", overview: "개요", financials: "재무제표",
    balanceSheet: "재무상태표", incomeStatement: "손익계산서", cashflow: "현금흐름표", annual: "연간", quarterly: "분기",
    noFinancials: "재무 데이터가 아직 수집되지 않았습니다. 잠시 후 다시 확인하세요.", noChart: "가격 데이터가 아직 없습니다. 데이터 수집이 끝나면 표시됩니다.",
    item: "항목", ratios: "주요 비율", marketCap: "시가총액", pe: "PER", eps: "EPS", dividendYield: "배당수익률", beta: "베타",
    high52: "52주 최고", low52: "52주 최저", sector: "섹터", industry: "산업", exchange: "거래소", latestDay: "최근 거래일",
    live: { connecting: "연결 중", open: "실시간 연결됨", reconnecting: "재연결 중", closed: "연결 끊김" },
    portfolioNav: "내 포트폴리오 종목", prev: "이전 종목", next: "다음 종목",
    addWatch: "관심 종목에 추가", watching: "관심 종목",
    signalRules: { rsi: "RSI (상대강도지수)", macd: "MACD", bbands: "볼린저 밴드", sma_cross: "이동평균 교차", stoch: "스토캐스틱", obv: "OBV (누적 거래량)" },
    horizonUnits: { d: "{n}일", w: "{n}주" },
    intraday: {
      bars: "5분봉", times: "미국 동부(뉴욕) 시각",
      fallback: "이 종목의 5분봉이 아직 저장되지 않아 일봉을 표시합니다. 보유·관심 종목이거나 계속 보고 있으면 곧 수집됩니다.",
    },
    adjust: {
      label: "가격 조정", split: "분할 조정", total: "총수익 (배당 포함)", raw: "조정 없음",
      splitEvent: "주식 분할", dividendEvent: "배당", overlaysSplitOnly: "가격 위 지표는 분할 조정 가격으로 계산되므로 분할 조정 차트에서만 표시됩니다.",
    },
  },
  predict: {
    title: "AI 예측", price: "가격 예측", trend: "추세 분석", risk: "위험 평가", horizon: "예측 기간", days: "일",
    lastClose: "최근 종가", predicted: "예측 가격", direction: "방향", up: "상승", down: "하락",
    probabilityUp: "상승 확률", level: "위험 수준", volatility: "연간 변동성", var95: "1일 VaR (95%)", cvar95: "1일 CVaR (95%)",
    maxDrawdown: "최대 낙폭", evaluation: "검증 결과 (표본 외)", baseline: "기준 모델", skill: "개선도", testPoints: "개 검증 시점",
    beatsBaseline: "기준 모델보다 우수", noBetter: "기준 모델보다 낫지 않음",
    band: "예측 구간", coverage: "실제 적중률", probabilityBaseRate: "상승 확률 (기저율: 모델이 더 낫지 않음)", brier: "브라이어 점수", logLoss: "로그 손실", baseRate: "기저율",
    baselineForecast: "변동 없음 예측 (모델이 이보다 낫지 않음)",
    pValue: "p-값", foldWins: "우세 구간", independentPoints: "독립 검증 시점",
    preparing: "예측을 준비하고 있습니다. 이 종목의 과거 데이터로 모델을 학습 중이며 곧 여기에 표시됩니다.",
    levels: { low: "낮음", medium: "보통", high: "높음" },
    metrics: { mae_log_return: "로그수익률 평균절대오차(MAE)", accuracy: "방향 적중률" },
    baselines: { mae_log_return: "변화 없음(랜덤워크)", accuracy: "학습 기간의 다수 방향" },
    method: "워크포워드 검증(확장 창): 각 검증 시점은 그 이전 데이터로만 학습한 모델이 예측했습니다.",
  },
  watchlist: { title: "관심 종목", empty: "관심 종목이 없습니다. 위에서 종목을 검색해 추가하세요.", add: "추가", added: "추가되었습니다." },
  alerts: {
    title: "가격 알림", create: "알림 만들기", kind: "조건", threshold: "기준값", active: "활성", fired: "발생:", empty: "설정된 알림이 없습니다. 위 양식으로 첫 알림을 만드세요.",
    notifications: "받은 알림", notificationsEmpty: "아직 받은 알림이 없습니다.",
    kinds: { price_above: "가격 이상", price_below: "가격 이하", change_pct_above: "등락률 이상(%)", change_pct_below: "등락률 이하(%)", rsi_above: "RSI 이상", rsi_below: "RSI 이하" },
    firedText: {
      price_above: "가격이 기준가 {threshold} 이상으로 올랐습니다 (현재 {value}).", price_below: "가격이 기준가 {threshold} 이하로 내렸습니다 (현재 {value}).",
      change_pct_above: "일간 등락률이 {threshold}% 이상입니다 (현재 {value}%).", change_pct_below: "일간 등락률이 {threshold}% 이하입니다 (현재 {value}%).",
      rsi_above: "RSI(14)가 {threshold} 이상입니다 (현재 {value}).", rsi_below: "RSI(14)가 {threshold} 이하입니다 (현재 {value}).",
    },
  },
  mypage: {
    title: "마이페이지", profile: "프로필", displayName: "표시 이름", baseCurrency: "기준 통화", language: "언어",
    password: "비밀번호 변경", oldPassword: "현재 비밀번호", newPassword: "새 비밀번호", saved: "저장되었습니다.", passwordChanged: "비밀번호가 변경되었습니다.",
    appearance: "화면", korean: "한국어", english: "English",
  },
  unknownSymbol: {
    title: "{symbol}: 데이터 없음", providerKnows: "시세 제공처에 {symbol} ({name}) 종목이 있지만 아직 수집한 데이터가 없습니다. 수집하면 차트, 지표, 재무제표를 볼 수 있습니다.",
    collect: "이 종목 데이터 수집하기", collectHint: "관심 종목에 추가되고 수집이 백그라운드에서 시작됩니다.", collecting: "데이터를 수집하고 있습니다. 끝나면 이 페이지가 새로 고쳐집니다.",
    signInToCollect: "로그인하고 이 종목 데이터 수집하기", noSuchSymbol: "{symbol}이라는 종목을 찾을 수 없습니다. 심볼을 확인하세요.",
    nowStored: "이 종목의 데이터가 방금 준비되었습니다.", open: "종목 페이지 열기", searchAgain: "홈에서 다시 검색하기",
    cannotCheck: "종목이 있는지 확인하지 못했습니다: {reason}",
  },
  statements: koStatements,
  errors: koErrors,
} as const;

type Widen<T> = T extends string ? string : { [K in keyof T]: Widen<T[K]> };
export type Messages = Widen<typeof ko>;
