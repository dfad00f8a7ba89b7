"""Write-side business logic of the stocks app (HackSoft-style services)."""
