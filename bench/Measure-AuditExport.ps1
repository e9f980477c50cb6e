<#
.SYNOPSIS
    The audit export at scale: 50,000 events through Get-HyprAuditEvent -Checkpoint against the emulator, printing
    events per second and the growth of the process's working set. A figure, never an assertion.
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Measure-AuditExport.ps1 -ModuleManifest out/HyprAuth/0.2.0/HyprAuth.psd1 -EmulatorPath out/emulator/HyprAuth.Emulator.dll
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    [ValidateRange(1000, 1000000)] [int] $EventCount = 50000,
    [ValidateRange(1, 1000)] [int] $PageSize = 1000
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../build/Emulator.psm1')
Import-Module $ModuleManifest

$apps = 'BenchOne', 'BenchTwo', 'BenchThree'
$emulator = Start-HyprEmulator -Path $EmulatorPath
$folder = Join-Path ([System.IO.Path]::GetTempPath()) ('hyprauth-bench-' + [guid]::NewGuid().ToString('N'))
$null = New-Item -ItemType Directory -Path $folder
try {
    $client = New-EmulatorClient $emulator @{ rpAppIds = $apps }
    $null = Invoke-EmulatorControl -Emulator $emulator -Route 'audit/events' -Body @{ rpAppIds = $apps; count = $EventCount; perMillisecond = 5 }
    Connect-Hypr -TenantUri $emulator.BaseUri -ClientId $client.clientId -ClientKey $client.clientKey

    # Warm up (JIT, connection) on a small window, so the figure is the export's steady pace.
    $null = Get-HyprAuditEvent -RpAppId $apps[0] -PageSize 10 | Select-Object -First 10

    $process = [System.Diagnostics.Process]::GetCurrentProcess()
    [GC]::Collect(); [GC]::WaitForPendingFinalizers(); $process.Refresh()
    $before = $process.WorkingSet64
    $peak = $before
    $count = 0
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    Get-HyprAuditEvent -RpAppId $apps -PageSize $PageSize -Checkpoint (Join-Path $folder 'bench.checkpoint') -ProgressAction SilentlyContinue |
        ForEach-Object {
            $count++
            if ($count % 5000 -eq 0) { $process.Refresh(); $peak = [Math]::Max($peak, $process.WorkingSet64) }
        }
    $watch.Stop()
    $process.Refresh(); $peak = [Math]::Max($peak, $process.WorkingSet64)

    [pscustomobject]@{
        Events            = $count
        PageSize          = $PageSize
        Seconds           = [Math]::Round($watch.Elapsed.TotalSeconds, 2)
        EventsPerSecond   = [Math]::Round($count / $watch.Elapsed.TotalSeconds)
        WorkingSetStartMB = [Math]::Round($before / 1MB, 1)
        WorkingSetPeakMB  = [Math]::Round($peak / 1MB, 1)
        GrowthMB          = [Math]::Round(($peak - $before) / 1MB, 1)
        Cores             = [Environment]::ProcessorCount
        Runtime           = [System.Runtime.InteropServices.RuntimeInformation]::FrameworkDescription
    } | Format-List | Out-Host
}
finally {
    Disconnect-Hypr
    Stop-HyprEmulator $emulator
    Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction SilentlyContinue
}
