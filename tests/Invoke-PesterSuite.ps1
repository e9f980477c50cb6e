<#
.SYNOPSIS
    Runs every tests/*.Tests.ps1 with Pester in this (fresh) PowerShell and writes the counts for build.ps1.
    The tests import the built module named by -ModuleManifest, never the source tree.
#>
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    [Parameter(Mandatory)] [string] $SummaryFile,
    [Parameter(Mandatory)] [string] $NuGetPackages,
    # Semicolon-separated test file names (e.g. 'TokenCache;Runspaces') for a focused run; empty runs every suite.
    [string] $TestPath = '',
    # Semicolon-separated Pester tags: only the tests with one of them run (e.g. 'WindowsPowerShell').
    [string] $Tag = ''
)
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'

# The test files read these; TestHelpers.psm1 turns them into functions.
$env:HYPRAUTH_MODULE_MANIFEST = (Resolve-Path $ModuleManifest).Path
$env:HYPRAUTH_EMULATOR = (Resolve-Path $EmulatorPath).Path
$env:HYPRAUTH_NUGET_PACKAGES = $NuGetPackages
# The suites never read or clear the tester's own persistent token cache.
$env:HYPRAUTH_TOKEN_CACHE_PATH = Join-Path ([System.IO.Path]::GetTempPath()) ('hyprauth-tests-' + [guid]::NewGuid().ToString('N'))

Import-Module $PesterManifest -Force
$configuration = New-PesterConfiguration
$paths = @($TestPath -split ';' | Where-Object { $_ } | ForEach-Object {
    if (Test-Path -LiteralPath $_) { (Resolve-Path -LiteralPath $_).Path }
    else { Join-Path $PSScriptRoot ($_ -replace '(\.Tests\.ps1)?$', '.Tests.ps1') }
})
$configuration.Run.Path = if ($paths.Count -gt 0) { [string[]] $paths } else { $PSScriptRoot }
$configuration.Run.PassThru = $true
# Tests tagged Windows prove what only Windows has (DPAPI, ACLs, CNG, AllSigned, Windows PowerShell 5.1): elsewhere
# they are left out, never counted as passed.
if (-not $IsWindows) { $configuration.Filter.ExcludeTag = @('Windows') }
$tags = @($Tag -split ';' | Where-Object { $_ })
if ($tags.Count -gt 0) { $configuration.Filter.Tag = [string[]] $tags }
$configuration.Output.Verbosity = 'Normal'
$configuration.Output.RenderMode = 'Plaintext'
$result = Invoke-Pester -Configuration $configuration

$summary = [ordered]@{ Passed = $result.PassedCount; Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount }

# Every suite stops the emulators it starts (children of this process); one left running fails the run.
$leftovers = @(Get-Process -Name dotnet -ErrorAction SilentlyContinue | Where-Object { $_.Parent.Id -eq $PID })
if ($leftovers.Count -gt 0) {
    Write-Host "FAILED: $($leftovers.Count) emulator process(es) still running after the suites: $($leftovers.Id -join ', ')"
    $leftovers | Stop-Process -Force
    $summary.Failed++
}
Remove-Item -LiteralPath $env:HYPRAUTH_TOKEN_CACHE_PATH -Recurse -Force -ErrorAction SilentlyContinue
$summary | ConvertTo-Json | Set-Content -LiteralPath $SummaryFile -Encoding UTF8
if ($summary.Failed -gt 0) { exit 1 }
exit 0
