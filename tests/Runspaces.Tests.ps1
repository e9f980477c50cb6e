# Runspaces that share a process, as several users' sessions do in a scheduled-task runner or an automation server:
# runspace A holds a client's key; runspace B, open at the same time in the same process, does not. B cannot get A's
# token out of the shared cache (not with another key, registered or not, not through the cache's listing) and cannot
# use A's connection; runspaces that do hold the key share A's token, with one exchange in all.
# (TokenCache.Tests.ps1 covers a forged assertion and this runspace against a new one; these keep A and B open side by side.)
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:manifest = Get-HyprModuleManifest
    Import-Module $manifest -Force
    $script:emulator = Start-TestEmulator
    $script:tenant = $emulator.BaseUri
    $script:echoRoute = 'ANY /rp/api/echo'

    # A runspace of this process with the module imported, kept open like a user's session.
    function New-Session {
        $runspace = [runspacefactory]::CreateRunspace()
        $runspace.Open()
        $null = Invoke-InSession $runspace 'param($Manifest) Import-Module $Manifest' @($manifest)
        return $runspace
    }

    # Runs a script in the session; returns its output and its errors (terminating ones included), as values only.
    function Invoke-InSession($Runspace, [string] $Script, [object[]] $Arguments = @()) {
        $shell = [powershell]::Create()
        $shell.Runspace = $Runspace
        try {
            $null = $shell.AddScript($Script)
            foreach ($argument in $Arguments) { $null = $shell.AddArgument($argument) }
            # Output collected as it comes, so what was written before a terminating error is kept.
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $failure = $null
            try { $shell.Invoke($null, $output) } catch { $failure = $_.Exception.InnerException.ErrorRecord }
            $errors = @($shell.Streams.Error) + @($failure | Where-Object { $_ })
            [pscustomobject]@{ Output = @($output); ErrorIds = @($errors | ForEach-Object { $_.FullyQualifiedErrorId }) }
        }
        finally { $shell.Dispose() }
    }

    # Gets a token in a session and reports only what the test needs: the value (read there), FromCache, or the ErrorId.
    $script:getToken = '
        param($Tenant, $ClientId, $Key)
        try {
            $token = if ($Key -is [string] -and (Test-Path -LiteralPath $Key -PathType Leaf)) {
                Get-HyprAccessToken -TenantUri $Tenant -ClientId $ClientId -KeyPath $Key -ErrorAction Stop
            } else {
                Get-HyprAccessToken -TenantUri $Tenant -ClientId $ClientId -ClientKey $Key -ErrorAction Stop
            }
            [pscustomobject]@{
                Value = [System.Net.NetworkCredential]::new("", $token.AccessToken).Password
                FromCache = $token.FromCache
                ErrorId = $null
            }
        }
        catch { [pscustomobject]@{ Value = $null; FromCache = $null; ErrorId = $_.FullyQualifiedErrorId } }'

    function Get-SessionToken($Runspace, $ClientId, $Key) { (Invoke-InSession $Runspace $getToken @($tenant, $ClientId, $Key)).Output[0] }
    function Connect-Session($Runspace, $ClientId, $Key) {
        $null = Invoke-InSession $Runspace 'param($Tenant, $Id, $Key) Connect-Hypr -TenantUri $Tenant -ClientId $Id -ClientKey $Key' @($tenant,
            $ClientId, $Key)
    }

    $script:victim = New-EmulatorClient $emulator @{}
    $script:sessionA = New-Session
    $script:sessionB = New-Session
    $script:tokenA = Get-SessionToken $sessionA $victim.clientId $victim.clientKey
    Connect-Session $sessionA $victim.clientId $victim.clientKey
}

AfterAll {
    foreach ($session in @($sessionA, $sessionB)) { if ($session) { $session.Dispose() } }
    Stop-HyprEmulator $emulator
}

Describe 'A runspace without the key gets nothing of the client''s' {
    It 'A got a token with its key: one exchange' {
        $tokenA.ErrorId | Should -BeNullOrEmpty
        $tokenA.Value | Should -Match '^hypap-'
        $tokenA.FromCache | Should -BeFalse
        Get-EmulatorCount $emulator exchanges $victim.clientId | Should -Be 1
    }

    It 'B cannot use A''s connection: Invoke-HyprApi without -AccessToken in B is NoConnection, before any request' {
        $before = Get-EmulatorCount $emulator requests $echoRoute
        $inB = Invoke-InSession $sessionB 'Invoke-HyprApi -Path /rp/api/echo/from-b -ErrorAction Stop'
        $inB.ErrorIds | Should -Be @('NoConnection,HyprAuth.Commands.InvokeHyprApiCommand')
        $inB.Output | Should -BeNullOrEmpty
        Get-EmulatorCount $emulator requests $echoRoute | Should -Be $before
        # A's connection is there all the while, in A only.
        (Invoke-InSession $sessionA '(Invoke-HyprApi -Path /rp/api/echo/from-a).path').Output | Should -Be @('/rp/api/echo/from-a')
    }

    It 'B with a key the server does not hold for the client gets 1201047, never A''s token, and nothing is sent to the API' {
        $stranger = New-EmulatorClient $emulator @{}
        $before = Get-EmulatorCount $emulator requests $echoRoute
        $inB = Get-SessionToken $sessionB $victim.clientId $stranger.clientKey
        $inB.ErrorId | Should -BeExactly 'HyprInvalidTokenExchange,HyprAuth.Commands.GetHyprAccessTokenCommand'
        $inB.Value | Should -BeNullOrEmpty

        $api = Invoke-InSession $sessionB 'param($Tenant, $Id, $Key)
            Invoke-HyprApi -Path /rp/api/echo/inline -TenantUri $Tenant -ClientId $Id -ClientKey $Key' @(
            $tenant, $victim.clientId, $stranger.clientKey)
        $api.ErrorIds | Should -Be @('HyprInvalidTokenExchange,HyprAuth.Commands.InvokeHyprApiCommand')
        Get-EmulatorCount $emulator requests $echoRoute | Should -Be $before -Because 'A''s token was never used for B'
        Get-EmulatorCount $emulator exchanges $victim.clientId | Should -Be 1
    }

    It 'B with another registered key of the same client gets a token of its own through a separate exchange, never A''s' {
        $rotated = New-EmulatorClient $emulator @{ clientId = $victim.clientId }
        $inB = Get-SessionToken $sessionB $victim.clientId $rotated.clientKey
        $inB.ErrorId | Should -BeNullOrEmpty
        $inB.FromCache | Should -BeFalse
        $inB.Value | Should -Not -Be $tokenA.Value
        Get-EmulatorCount $emulator exchanges $victim.clientId | Should -Be 2
    }

    It 'A''s entry is untouched by B''s attempts: A is still served its own token from the cache' {
        $again = Get-SessionToken $sessionA $victim.clientId $victim.clientKey
        $again.FromCache | Should -BeTrue
        $again.Value | Should -BeExactly $tokenA.Value
    }

    It 'B sees the entry in Get-HyprTokenCache, but an entry is no credential: no token in it, and Invoke-HyprApi will not take it' {
        $before = Get-EmulatorRequestTotal $emulator
        $inB = Invoke-InSession $sessionB '
            param($ClientId)
            $entries = @(Get-HyprTokenCache -ClientId $ClientId)
            $entries.Count
            ($entries | Format-List * -Force | Out-String -Width 4096) + ($entries | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue)
            $entries[0] | Invoke-HyprApi -Path /rp/api/echo/with-entry -ErrorAction Stop' @($victim.clientId)
        $inB.Output[0] | Should -Be 2 -Because 'A''s entry and B''s own (the rotated key)'
        $inB.Output[1].Contains($tokenA.Value) | Should -BeFalse
        $inB.Output[1].Contains($victim.clientKey) | Should -BeFalse
        $inB.ErrorIds.Count | Should -Be 1
        $inB.ErrorIds[0] | Should -BeExactly 'InputObjectNotBound,HyprAuth.Commands.InvokeHyprApiCommand'
        Get-EmulatorRequestTotal $emulator | Should -Be $before
    }

    It 'a connection made in B does not become A''s, nor A''s B''s' {
        $narrow = New-EmulatorClient $emulator @{ scopes = @('hypr:cc:applications') }
        Connect-Session $sessionB $narrow.clientId $narrow.clientKey
        # A still uses its own connection (hypr:rp:report may introspect); B uses its narrow one (it may not).
        (Invoke-InSession $sessionA '(Invoke-HyprApi -Path /rp/api/bulk/HYPRDefaultApplication/introspect).rpAppId').Output |
            Should -Be @('HYPRDefaultApplication')
        (Invoke-InSession $sessionB 'Invoke-HyprApi -Path /rp/api/bulk/HYPRDefaultApplication/introspect').ErrorIds |
            Should -Be @('HyprInsufficientScope,HyprAuth.Commands.InvokeHyprApiCommand')
    }
}

Describe 'Runspaces that hold the key share one token' {
    It 'B, C and D holding the key (as a string, a SecureString, a key file) are served A''s token: still one exchange' {
        $keyFile = Join-Path $TestDrive 'victim.key'
        Set-Content -LiteralPath $keyFile -Value $victim.clientKey -NoNewline
        $forms = @($victim.clientKey, (ConvertTo-SecureString $victim.clientKey -AsPlainText -Force), $keyFile)
        $sessions = @($sessionB, (New-Session), (New-Session))
        try {
            for ($i = 0; $i -lt 3; $i++) {
                $shared = Get-SessionToken $sessions[$i] $victim.clientId $forms[$i]
                $shared.ErrorId | Should -BeNullOrEmpty
                $shared.FromCache | Should -BeTrue
                $shared.Value | Should -BeExactly $tokenA.Value
            }
        }
        finally { $sessions[1].Dispose(); $sessions[2].Dispose() }
        Get-EmulatorCount $emulator exchanges $victim.clientId | Should -Be 2 -Because 'A''s exchange, and B''s earlier one with the rotated key'
    }

    It 'and B, now holding the key, calls the API with the shared token, no exchange' {
        $before = Get-EmulatorCount $emulator exchanges $victim.clientId
        (Invoke-InSession $sessionB '
            param($Tenant, $Id, $Key)
            Connect-Hypr -TenantUri $Tenant -ClientId $Id -ClientKey $Key
            (Invoke-HyprApi -Path /rp/api/echo/shared).path' @($tenant, $victim.clientId, $victim.clientKey)).Output |
            Should -Be @('/rp/api/echo/shared')
        Get-EmulatorCount $emulator exchanges $victim.clientId | Should -Be $before
    }
}
