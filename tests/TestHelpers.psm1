# Shared by the Pester tests: where the built module and the emulator are (set by Invoke-PesterSuite.ps1),
# and the emulator's controls (build/Emulator.psm1, shared with the demo and the benchmarks).
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot '../build/Emulator.psm1') -Force -Global

function Get-HyprModuleManifest {
    if (-not $env:HYPRAUTH_MODULE_MANIFEST) { throw 'Run the tests through build.ps1 -Task Test (HYPRAUTH_MODULE_MANIFEST is not set).' }
    return $env:HYPRAUTH_MODULE_MANIFEST
}

function Start-TestEmulator {
    if (-not $env:HYPRAUTH_EMULATOR) { throw 'Run the tests through build.ps1 -Task Test (HYPRAUTH_EMULATOR is not set).' }
    return Start-HyprEmulator -Path $env:HYPRAUTH_EMULATOR
}

Export-ModuleMember -Function Get-HyprModuleManifest, Start-TestEmulator
