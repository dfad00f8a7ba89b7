/** English names of statement line items and ratios (same keys as statements-ko.ts). */
import type { koStatements } from "./statements-ko";

type Widen<T> = T extends string ? string : { [K in keyof T]: Widen<T[K]> };

export const enStatements: Widen<typeof koStatements> = {
  items: {
    total_assets: "Total assets", total_current_assets: "Current assets", cash_and_cash_equivalents_at_carrying_value: "Cash and cash equivalents",
    cash_and_short_term_investments: "Cash and short-term investments", inventory: "Inventory", current_net_receivables: "Net receivables",
    total_non_current_assets: "Non-current assets", property_plant_equipment: "Property, plant and equipment", accumulated_depreciation_amortization_ppe: "Accumulated depreciation",
    intangible_assets: "Intangible assets", intangible_assets_excluding_goodwill: "Intangible assets excl. goodwill", goodwill: "Goodwill",
    investments: "Investments", long_term_investments: "Long-term investments", short_term_investments: "Short-term investments",
    other_current_assets: "Other current assets", other_non_current_assets: "Other non-current assets", total_liabilities: "Total liabilities",
    total_current_liabilities: "Current liabilities", current_accounts_payable: "Accounts payable", deferred_revenue: "Deferred revenue",
    current_debt: "Current debt", short_term_debt: "Short-term debt", total_non_current_liabilities: "Non-current liabilities",
    capital_lease_obligations: "Lease obligations", long_term_debt: "Long-term debt", current_long_term_debt: "Current portion of long-term debt",
    long_term_debt_noncurrent: "Long-term debt, non-current", short_long_term_debt_total: "Total debt", other_current_liabilities: "Other current liabilities",
    other_non_current_liabilities: "Other non-current liabilities", total_shareholder_equity: "Total shareholders’ equity", treasury_stock: "Treasury stock",
    retained_earnings: "Retained earnings", common_stock: "Common stock", common_stock_shares_outstanding: "Shares outstanding",
    gross_profit: "Gross profit", total_revenue: "Revenue", cost_of_revenue: "Cost of revenue", cost_of_goods_and_services_sold: "Cost of goods and services sold",
    operating_income: "Operating income", selling_general_and_administrative: "Selling, general and administrative", research_and_development: "Research and development",
    operating_expenses: "Operating expenses", investment_income_net: "Investment income, net", net_interest_income: "Net interest income",
    interest_income: "Interest income", interest_expense: "Interest expense", non_interest_income: "Non-interest income",
    other_non_operating_income: "Other non-operating income", depreciation: "Depreciation", depreciation_and_amortization: "Depreciation and amortization",
    income_before_tax: "Income before tax", income_tax_expense: "Income tax expense", interest_and_debt_expense: "Interest and debt expense",
    net_income_from_continuing_operations: "Net income from continuing operations", comprehensive_income_net_of_tax: "Comprehensive income", ebit: "EBIT",
    ebitda: "EBITDA", net_income: "Net income",
    operating_cashflow: "Operating cash flow", payments_for_operating_activities: "Payments for operating activities", proceeds_from_operating_activities: "Proceeds from operating activities",
    change_in_operating_liabilities: "Change in operating liabilities", change_in_operating_assets: "Change in operating assets",
    depreciation_depletion_and_amortization: "Depreciation, depletion and amortization", capital_expenditures: "Capital expenditures",
    change_in_receivables: "Change in receivables", change_in_inventory: "Change in inventory", profit_loss: "Profit or loss",
    cashflow_from_investment: "Investing cash flow", cashflow_from_financing: "Financing cash flow",
    proceeds_from_repayments_of_short_term_debt: "Short-term debt, net", payments_for_repurchase_of_common_stock: "Repurchase of common stock",
    payments_for_repurchase_of_equity: "Repurchase of equity", payments_for_repurchase_of_preferred_stock: "Repurchase of preferred stock",
    dividend_payout: "Dividends paid", dividend_payout_common_stock: "Common dividends", dividend_payout_preferred_stock: "Preferred dividends",
    proceeds_from_issuance_of_common_stock: "Issuance of common stock", proceeds_from_issuance_of_long_term_debt_and_capital_securities_net: "Issuance of long-term debt and capital securities, net",
    proceeds_from_issuance_of_preferred_stock: "Issuance of preferred stock", proceeds_from_repurchase_of_equity: "Proceeds related to treasury stock",
    proceeds_from_sale_of_treasury_stock: "Sale of treasury stock", stock_based_compensation: "Stock-based compensation",
    change_in_cash_and_cash_equivalents: "Change in cash and cash equivalents", change_in_exchange_rate: "Effect of exchange rates",
  },
  ratios: {
    gross_margin: "Gross margin", operating_margin: "Operating margin", net_margin: "Net margin", revenue_growth_yoy: "Revenue growth (YoY)",
    net_income_growth_yoy: "Net income growth (YoY)", current_ratio: "Current ratio", debt_to_equity: "Debt to equity",
    total_assets_growth_yoy: "Total assets growth (YoY)", equity_growth_yoy: "Equity growth (YoY)", free_cash_flow: "Free cash flow",
    operating_cashflow_growth_yoy: "Operating cash flow growth (YoY)", free_cash_flow_growth_yoy: "Free cash flow growth (YoY)",
  },
};
