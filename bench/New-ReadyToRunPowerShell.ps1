<#
.SYNOPSIS
    A copy of the running PowerShell with its own assemblies precompiled (ReadyToRun), as the installers ship them;
    returns the path of the copy's pwsh.dll.
.DESCRIPTION
    The PowerShell of `dotnet tool restore` (the PowerShell global tool package) ships IL only, so every fresh pwsh
    JIT-compiles PowerShell itself; the installers' PowerShell is precompiled. To read the cold run as users see it,
    this copies the running PowerShell's folder ($PSHOME) and compiles each of its top-level IL-only assemblies
    (System.Management.Automation, Microsoft.PowerShell.*, and the rest the package ships) with crossgen2 for this
    platform and the running .NET version: the Microsoft.NETCore.App.Crossgen2 package the build restores for
    build/ReadyToRun (same version). Each output is checked for a ManagedNativeHeader (precompiled code).

    The copy goes to the temporary folder (hyprauth-bench-pwsh-readytorun-<PowerShell>-<crossgen2>), never into the
    repository, and is reused while complete: compiling takes a few minutes of CPU. Run it with `dotnet pwsh.dll`.
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/New-ReadyToRunPowerShell.ps1
#>
[CmdletBinding()]
[OutputType([string])]
param(
    # Where the copy goes; by default a folder in the temporary folder named after the PowerShell and crossgen2 versions.
    [string] $Destination
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot '../build/BuildHelpers.psm1') -Force -Verbose:$false
Import-Module (Join-Path $PSScriptRoot 'BenchHelpers.psm1') -Force -Verbose:$false

$runtime = [Environment]::Version
$rid = Get-HostRuntimeIdentifier
$packages = Get-NuGetPackagesFolder
$crossgenPackage = Join-Path $packages "microsoft.netcore.app.crossgen2.$rid/$runtime"
$crossgen = Join-Path $crossgenPackage ('tools/crossgen2' + $(if ($IsWindows) { '.exe' } else { '' }))
if (-not (Test-Path -LiteralPath $crossgen)) {
    $present = @(Get-ChildItem -LiteralPath (Split-Path -Parent $crossgenPackage) -Directory -ErrorAction SilentlyContinue).Name -join ', '
    throw "crossgen2 $runtime for $rid is not in $packages (present: $(if ($present) { $present } else { 'none' })). " +
        "build.ps1 -Task Build restores it when the SDK's runtime matches the running one ($runtime); ReadyToRun code is used only on the .NET version it was compiled for."
}
if (-not $Destination) {
    $Destination = Join-Path ([System.IO.Path]::GetTempPath()) "hyprauth-bench-pwsh-readytorun-$($PSVersionTable.PSVersion)-$runtime-$rid"
}
$pwshDll = Join-Path $Destination 'pwsh.dll'
$complete = Join-Path $Destination '.complete'
if (Test-Path -LiteralPath $complete) { return $pwshDll }

# Built beside the destination and renamed into place when whole: a run stopped midway, or a second bench at the
# same time, never leaves a half-compiled PowerShell that looks finished.
$building = "$Destination.building-$PID"
Remove-Item -LiteralPath $building -Recurse -Force -ErrorAction SilentlyContinue
Copy-Item -LiteralPath $PSHOME -Destination $building -Recurse
$framework = [System.Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory()
$compiled = [System.Collections.Generic.List[string]]::new()
$responseFile = "$building.rsp"
try {
    foreach ($assembly in (Get-ChildItem -LiteralPath $PSHOME -Filter '*.dll' -File)) {
        if ((Get-ImageKind $assembly.FullName) -ne 'IL') { continue }
        $output = Join-Path $building $assembly.Name
        # Referenced: the framework this PowerShell runs on and PowerShell's own assemblies (the IL originals). In a
        # response file, so that no shell expands the wildcards crossgen2 expands itself.
        Set-Content -LiteralPath $responseFile -Value @(
            $assembly.FullName, '-o', $output, '-O', '--targetos', ($rid -split '-')[0], '--targetarch', ($rid -split '-')[1]
            '-r', (Join-Path $framework '*.dll'), '-r', (Join-Path $PSHOME '*.dll'))
        $log = & $crossgen "@$responseFile" 2>&1
        if ($LASTEXITCODE -ne 0) { throw "crossgen2 failed on $($assembly.Name) (exit code $LASTEXITCODE): $($log -join ' ')" }
        if ((Get-ImageKind $output) -ne 'ReadyToRun') { throw "crossgen2 wrote $($assembly.Name) without precompiled code (no ManagedNativeHeader)." }
        $compiled.Add($assembly.Name)
    }
    Set-Content -LiteralPath (Join-Path $building '.complete') -Value "crossgen2 $runtime $rid`n$($compiled -join "`n")"
    if (-not (Test-Path -LiteralPath $complete)) {
        # A stale, incomplete copy goes; a copy another bench completed meanwhile stays (it may be running).
        Remove-Item -LiteralPath $Destination -Recurse -Force -ErrorAction SilentlyContinue
        Move-Item -LiteralPath $building -Destination $Destination
    }
}
finally {
    Remove-Item -LiteralPath $building, $responseFile -Recurse -Force -ErrorAction SilentlyContinue
}
Write-Verbose "Compiled $($compiled.Count) assemblies of $PSHOME into $Destination."
return $pwshDll
