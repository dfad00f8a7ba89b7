"""Write-side services of the portfolios app."""
