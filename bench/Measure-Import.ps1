<#
.SYNOPSIS
    Import-Module HyprAuth in a fresh PowerShell: its time and the working-set growth. With -Bare, the same process
    without the import (the baseline for process time). Prints "<import ms> <working set before> <working set after>".
    Give an empty module's manifest as -ModuleManifest to measure what PowerShell's first import of any module costs.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [switch] $Bare
)
$ErrorActionPreference = 'Stop'
$process = [System.Diagnostics.Process]::GetCurrentProcess()
$before = $process.WorkingSet64
$watch = [System.Diagnostics.Stopwatch]::StartNew()
if (-not $Bare) { Import-Module $ModuleManifest }
$watch.Stop()
$process.Refresh()
'{0} {1} {2}' -f $watch.Elapsed.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture), $before, $process.WorkingSet64
