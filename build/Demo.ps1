<#
.SYNOPSIS
    The whole HYPR client-credentials flow with the built module against the bundled HYPR emulator:
    what a new user should see. Run through build.ps1 -Task Demo, in a fresh PowerShell.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $EmulatorPath
)
$ErrorActionPreference = 'Stop'
if ($PSVersionTable.PSVersion.Major -ge 7 -and $env:NO_COLOR) { $PSStyle.OutputRendering = 'PlainText' }
Import-Module (Join-Path $PSScriptRoot 'Emulator.psm1')
Import-Module $ModuleManifest

function Write-Section([string] $Title) { Write-Host ''; Write-Host "== $Title" }

$emulator = Start-HyprEmulator -Path $EmulatorPath
try {
    $tenant = $emulator.BaseUri
    Write-Host "HyprAuth $((Get-Module HyprAuth).Version) against the HYPR emulator at $tenant"

    Write-Section 'HYPR Control Center creates OAuth client credentials'
    $client = New-EmulatorClient $emulator
    Write-Host "Client Id : $($client.clientId)"
    Write-Host "Client key: $($client.clientKey.Substring(0, 12))... (base64 PKCS#8, P-256; kept in `$clientKey, never printed whole)"
    $clientKey = ConvertTo-SecureString $client.clientKey -AsPlainText -Force

    Write-Section 'Step 1: New-HyprClientAssertion -ClientId $clientId -ClientKey $clientKey'
    $assertion = New-HyprClientAssertion -ClientId $client.clientId -ClientKey $clientKey
    $assertion | Format-List | Out-Host
    $assertion | Test-HyprClientAssertion -ClientKey $clientKey | Format-Table -AutoSize | Out-Host

    Write-Section 'Step 2: Connect-Hypr -TenantUri $tenant -ClientId $clientId -ClientKey $clientKey -PassThru'
    $connection = Connect-Hypr -TenantUri $tenant -ClientId $client.clientId -ClientKey $clientKey -PassThru
    $connection | Format-List | Out-Host

    Write-Section 'Step 3: Invoke-HyprApi -Path /rp/api/bulk/HYPRDefaultApplication/introspect'
    $introspection = Invoke-HyprApi -Path /rp/api/bulk/HYPRDefaultApplication/introspect
    $introspection.entities | Select-Object name, count | Format-Table -AutoSize | Out-Host

    Write-Section 'Invoke-HyprApi -Path .../fetch -Method POST -Body @{ entity = ''users''; filter = @{ department = ''Finance'' } } -All'
    $users = Invoke-HyprApi -Path /rp/api/bulk/HYPRDefaultApplication/fetch -Method POST -Body @{ entity = 'users'; filter = @{ department = 'Finance' }; pageSize = 20 } -All
    Write-Host "$(@($users).Count) users in Finance, over several pages; the first five:"
    $users | Select-Object -First 5 userName, displayName, email | Format-Table -AutoSize | Out-Host

    Write-Section 'The same connection from 4 parallel runspaces: Invoke-HyprApi -Connection $using:connection'
    $counts = 'users', 'devices', 'auditEvents', 'users' | ForEach-Object -ThrottleLimit 4 -Parallel {
        Import-Module $using:ModuleManifest
        (Invoke-HyprApi -Connection $using:connection -Path "/rp/api/bulk/HYPRDefaultApplication/introspect/$_").count
    }
    Write-Host "Entity counts: $($counts -join ', ')"

    Write-Section 'Get-HyprAccessToken: a token for other tools; the session cache answers, no new exchange'
    $token = Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $clientKey
    Write-Host "FromCache: $($token.FromCache); expires $($token.ExpiresOn.ToString('u'))"
    Get-HyprTokenCache | Format-Table -AutoSize | Out-Host

    $counters = Get-EmulatorCounters $emulator
    $exchanges = $counters.exchanges.($client.clientId)
    Write-Host "The emulator saw $exchanges token exchange(s) for $($client.clientId)."
    if ($exchanges -ne 1) { throw "Expected exactly one token exchange, saw $exchanges." }

    Write-Section 'The audit trail: examples/Export-HyprAuditLog.ps1, run twice as a scheduled task would'
    $null = Invoke-EmulatorControl -Emulator $emulator -Route 'audit/events' -Body @{ count = 500; perMillisecond = 4 }
    $folder = Join-Path ([System.IO.Path]::GetTempPath()) ('hyprauth-demo-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $folder
    $env:HYPR_TENANT_URI = $tenant; $env:HYPR_CLIENT_ID = $client.clientId; $env:HYPR_CLIENT_KEY = $client.clientKey
    try {
        $script = Join-Path $PSScriptRoot '../examples/Export-HyprAuditLog.ps1'
        $log = Join-Path $folder 'audit.jsonl'
        $first = & $script -LogPath $log -RpAppId HYPRDefaultApplication -TokenCache Process
        Write-Host "First run : $($first.Exported) events appended to audit.jsonl"
        $now = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
        $null = Invoke-EmulatorControl -Emulator $emulator -Route 'audit/events' -Body @{ count = 25; fromMs = $now - 100000; toMs = $now - 80000 }
        Write-Host 'HYPR logs 25 more events.'
        $second = & $script -LogPath $log -RpAppId HYPRDefaultApplication -TokenCache Process
        $lines = @(Get-Content -LiteralPath $log)
        Write-Host "Second run: $($second.Exported) events appended; the file holds $($lines.Count) lines, $(@($lines | ConvertFrom-Json | Select-Object -ExpandProperty id -Unique).Count) distinct events."
        if ($second.Exported -ne 25) { throw "Expected the second run to export the 25 new events, it exported $($second.Exported)." }
    }
    finally {
        Remove-Item -LiteralPath Env:HYPR_TENANT_URI, Env:HYPR_CLIENT_ID, Env:HYPR_CLIENT_KEY -ErrorAction SilentlyContinue
        Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction SilentlyContinue
    }

    Write-Section 'Disconnect-Hypr: the connection ends, and the client''s token and key leave the cache'
    Disconnect-Hypr
    Write-Host "Get-HyprContext: $(@(Get-HyprContext).Count) connection(s); cache entries for the client: $(@(Get-HyprTokenCache -ClientId $client.clientId).Count)"
}
finally {
    Stop-HyprEmulator $emulator
}
Write-Host ''
Write-Host 'Demo complete; the emulator has stopped.'
# The way forward from here: the same commands against an emulator of your own (README, "Try it against the emulator").
$moduleRelative = Resolve-Path -LiteralPath $ModuleManifest -Relative
$emulatorRelative = Resolve-Path -LiteralPath $EmulatorPath -Relative
Write-Host @"

Next steps (README: "Try it against the emulator"), in PowerShell 7 from this folder:
    Import-Module $moduleRelative
    Import-Module ./build/Emulator.psm1
    `$emulator = Start-HyprEmulator $emulatorRelative
    `$client = New-EmulatorClient `$emulator
    Connect-Hypr -TenantUri `$emulator.BaseUri -ClientId `$client.clientId -ClientKey `$client.clientKey
    Invoke-HyprApi -Path /rp/api/bulk/HYPRDefaultApplication/introspect
"@
