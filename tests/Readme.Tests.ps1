# The README's "Try it against the emulator" section, followed command by command as it is written, in a fresh
# PowerShell whose current folder is the repository (in CI, a fresh clone after the build). The emulator's own CLI
# traps are covered here too: --help, and a client made with new-client while the emulator runs.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:root = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
    $script:readme = [System.IO.File]::ReadAllText((Join-Path $root 'README.md'))
    $script:emulatorDll = $env:HYPRAUTH_EMULATOR

    # The first ```powershell block after the section's heading.
    function Get-SectionCode([string] $Heading) {
        $pattern = '(?ms)^## ' + [regex]::Escape($Heading) + '\s*$.*?^```powershell\r?\n(.*?)^```'
        $match = [regex]::Match($readme, $pattern)
        $match.Success | Should -BeTrue -Because "the README has a '## $Heading' section with a PowerShell block"
        return $match.Groups[1].Value
    }
}

Describe 'README: Try it against the emulator' {
    It 'names the module path the build writes' {
        $code = Get-SectionCode 'Try it against the emulator'
        $manifest = [regex]::Match($code, 'Import-Module (\./out/HyprAuth/[^/]+/HyprAuth\.psd1)').Groups[1].Value
        $manifest | Should -Not -BeNullOrEmpty
        Join-Path $root $manifest | Should -Exist -Because 'the README names the version the build makes'
    }

    It 'runs as written, in a fresh PowerShell from the repository folder' {
        $code = Get-SectionCode 'Try it against the emulator'
        # Command by command, as at a prompt: each one's output is formatted on its own, and kept as text.
        $commands = @($code -split '\r?\n' | Where-Object { $_.Trim() -and -not $_.TrimStart().StartsWith('#') })
        $commands.Count | Should -BeGreaterThan 5
        $script = @'
$ErrorActionPreference = 'Stop'
$shown = foreach ($command in ($env:HYPRAUTH_README_COMMANDS | ConvertFrom-Json)) {
    Invoke-Expression $command | Out-String -Width 200
}
[pscustomobject]@{ Shown = ($shown -join "`n"); Connected = [bool](Get-HyprContext) } | ConvertTo-Json -Compress
'@
        $environment = @{ HYPRAUTH_README_COMMANDS = (ConvertTo-Json -InputObject $commands -Compress) }
        $result = Invoke-ChildPowerShell -Script $script -WorkingDirectory $root -Environment $environment
        $result.Connected | Should -BeTrue
        $result.Shown | Should -Match 'HYPRDefaultApplication' -Because 'the introspection answered'
        $result.Shown | Should -Match 'userName' -Because 'the fetch returned users'
    }
}

Describe 'The demo (build.ps1 -Task Demo)' {
    It 'ends by printing next steps that are the README''s commands, with the paths the build wrote' {
        $script = @'
$ErrorActionPreference = 'Stop'
$shown = & ./build/Demo.ps1 -ModuleManifest $env:HYPRAUTH_MODULE_MANIFEST -EmulatorPath $env:HYPRAUTH_EMULATOR 6>&1 | Out-String -Width 200
[pscustomobject]@{ Shown = $shown } | ConvertTo-Json -Compress
'@
        $shown = (Invoke-ChildPowerShell -Script $script -WorkingDirectory $root -TimeoutSeconds 300).Shown
        $shown | Should -Match 'Demo complete; the emulator has stopped\.'
        $steps = @(($shown -split 'Next steps[^\n]*\n')[1] -split '\r?\n' | ForEach-Object Trim | Where-Object { $_ })
        $steps.Count | Should -BeGreaterThan 5 -Because 'the demo prints the way forward'
        $readmeCommands = @((Get-SectionCode 'Try it against the emulator') -split '\r?\n' | ForEach-Object Trim)
        foreach ($step in $steps) { $readmeCommands | Should -Contain $step -Because 'each next step is a README command' }
    }
}

Describe 'The emulator CLI the README points to' {
    It '--help prints the usage and succeeds' {
        $output = & dotnet $emulatorDll --help
        $LASTEXITCODE | Should -Be 0
        ($output -join "`n") | Should -Match 'new-client'
    }

    It 'finds a client made with new-client while it runs, from the same default ./clients.json' {
        $folder = Join-Path $TestDrive 'cli'
        New-Item -ItemType Directory -Path $folder | Out-Null
        # Both commands run in one folder, as the README says; the emulator is started first.
        $script = @'
$ErrorActionPreference = 'Stop'
Import-Module $env:HYPRAUTH_MODULE_MANIFEST
Import-Module (Join-Path $env:HYPRAUTH_ROOT 'build/Emulator.psm1')
$emulator = Start-HyprEmulator $env:HYPRAUTH_EMULATOR
try {
    $made = & dotnet $env:HYPRAUTH_EMULATOR new-client
    $clientId = ($made[0] -split ': ', 2)[1]
    $clientKey = ($made[1] -split ': ', 2)[1]
    $token = Get-HyprAccessToken -TenantUri $emulator.BaseUri -ClientId $clientId -ClientKey $clientKey
    [pscustomobject]@{ ClientId = $token.ClientId; Expected = $clientId } | ConvertTo-Json -Compress
}
finally { Stop-HyprEmulator $emulator }
'@
        $result = Invoke-ChildPowerShell -Script $script -WorkingDirectory $folder -Environment @{ HYPRAUTH_ROOT = $root }
        $result.ClientId | Should -BeExactly $result.Expected
        Join-Path $folder 'clients.json' | Should -Exist
    }

    It 'says that a client is not registered, not that its key is wrong' {
        $emulator = Start-TestEmulator
        try {
            $known = New-EmulatorClient $emulator @{}
            $failure = Get-ThrownError { Get-HyprAccessToken -TenantUri $emulator.BaseUri -ClientId 'hypap-never-registered' `
                -ClientKey $known.clientKey }
            $failure.FullyQualifiedErrorId | Should -BeLike 'HyprInvalidTokenExchange,*'
            $failure.Exception.ServerMessage | Should -Match 'not registered'
        }
        finally { Stop-HyprEmulator $emulator }
    }
}

Describe 'README: Quick start' {
    It 'states the error rule: a call made with arguments throws; one failed piped item does not stop the others' {
        $section = [regex]::Match($readme, '(?ms)^## Quick start\s*$(.*?)^## ').Groups[1].Value
        $prose = ($section -replace '```.*?```', '') -replace '\s+', ' '
        $prose | Should -Match 'a call made with arguments throws, so `try`/`catch` sees it'
        $prose | Should -Match 'one failed item of pipeline input is a non-terminating error, and the other items go on'
    }
}
