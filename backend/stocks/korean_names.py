"""Korean names of the popular and demo-universe symbols, as Korean financial media write them, for search.

Alpha Vantage's listings and overviews give English names only; these let "애플" find AAPL. Several spellings are
common for some companies (존슨앤드존슨 / 존슨앤존슨); each is listed.
"""

from __future__ import annotations

KOREAN_NAMES: dict[str, tuple[str, ...]] = {
    "AAPL": ("애플",),
    "MSFT": ("마이크로소프트", "마소"),
    "NVDA": ("엔비디아",),
    "AMZN": ("아마존", "아마존닷컴"),
    "GOOGL": ("알파벳", "구글"),
    "GOOG": ("알파벳 C", "구글 C"),
    "META": ("메타", "메타 플랫폼스", "페이스북"),
    "TSLA": ("테슬라",),
    "BRK.B": ("버크셔 해서웨이", "버크셔해서웨이 B"),
    "JPM": ("JP모건", "제이피모건", "JP모건 체이스"),
    "V": ("비자",),
    "AVGO": ("브로드컴",),
    "JNJ": ("존슨앤드존슨", "존슨앤존슨"),
    "WMT": ("월마트",),
    "PG": ("프록터앤드갬블", "P&G", "피앤지"),
    "XOM": ("엑슨모빌",),
    "UNH": ("유나이티드헬스", "유나이티드헬스 그룹"),
    "HD": ("홈디포",),
    "KO": ("코카콜라",),
    "PEP": ("펩시코", "펩시"),
    "DIS": ("디즈니", "월트 디즈니"),
    "NFLX": ("넷플릭스",),
    "INTC": ("인텔",),
    "AMD": ("에이엠디", "어드밴스드 마이크로 디바이시스"),
    "CSCO": ("시스코",),
    "ORCL": ("오라클",),
    "CRM": ("세일즈포스",),
    "BAC": ("뱅크오브아메리카", "뱅크 오브 아메리카"),
    "PFE": ("화이자",),
    "MRK": ("머크",),
    "T": ("AT&T", "에이티앤티"),
    "VZ": ("버라이즌",),
    "NKE": ("나이키",),
    "SPY": ("S&P 500 ETF", "SPDR S&P 500"),
    "QQQ": ("나스닥 100 ETF", "인베스코 QQQ"),
}
