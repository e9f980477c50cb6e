<#
.SYNOPSIS
    The same job as HandWritten-Flow.ps1 and JavaCurl-Flow.sh, with HyprAuth: import the module, get a token, call the API.
.DESCRIPTION
    Used by bench/Invoke-Benchmarks.ps1 for the cold-run and 1,000-call comparisons. Prints "ok <calls>".
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $TenantUri,
    [Parameter(Mandatory)] [string] $ClientId,
    [Parameter(Mandatory)] [string] $KeyPath,
    [int] $Calls = 1
)
$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest

Connect-Hypr -TenantUri $TenantUri -ClientId $ClientId -KeyPath $KeyPath
for ($i = 0; $i -lt $Calls; $i++) {
    $result = Invoke-HyprApi -Path /rp/api/bulk/HYPRDefaultApplication/introspect
}
if (-not $result.entities) { throw 'The introspect answer has no entities.' }
"ok $Calls"
