<#
.SYNOPSIS
    The least a PowerShell script can do for one HYPR API call: a ready access token from the environment
    (HYPR_BENCH_ACCESS_TOKEN), one Invoke-RestMethod. No key, no assertion, no exchange.
.DESCRIPTION
    Used by bench/Invoke-Benchmarks.ps1 as the cold run's floor: its time over a bare pwsh is what PowerShell itself
    charges any script for one HTTP call (its first use of the web cmdlets, HttpClient, JSON), which no module can go
    under. Shaped like HyprAuth-Flow.ps1's call and check, so only the authentication differs. Prints "ok 1".
#>
param(
    [Parameter(Mandatory)] [string] $TenantUri
)
$ErrorActionPreference = 'Stop'
$result = Invoke-RestMethod -Uri "$TenantUri/rp/api/bulk/HYPRDefaultApplication/introspect" -Headers @{ Authorization = "Bearer $env:HYPR_BENCH_ACCESS_TOKEN" }
if (-not $result.entities) { throw 'The introspect answer has no entities.' }
'ok 1'
