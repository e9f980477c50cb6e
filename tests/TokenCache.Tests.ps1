# The process-wide token cache on the built module, against the emulator: Get-HyprTokenCache, Clear-HyprTokenCache,
# single flight across runspaces, and runspaces that share the cache but not each other's connections or keys.
# The cache is shared by the whole process (every test file in the suite), so each test looks at its own clients only.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:manifest = Get-HyprModuleManifest
    Import-Module $manifest -Force
    $script:emulator = Start-TestEmulator
    $script:tenant = $emulator.BaseUri
    $script:authority = ([uri]$tenant).Authority

    function Get-Token($Client) {
        Get-HyprAccessToken -TenantUri $tenant -ClientId $Client.clientId -ClientKey $Client.clientKey
    }

    # Runs a script in a new runspace of this process (as another user's runspace in a shared host would be), with the module imported there.
    function Invoke-InNewRunspace([scriptblock] $Script, [object[]] $Arguments = @()) {
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript('param($Manifest) Import-Module $Manifest').AddArgument($manifest).AddStatement()
            $null = $shell.AddScript($Script.ToString())
            foreach ($argument in $Arguments) { $null = $shell.AddArgument($argument) }
            $output = $shell.Invoke()
            if ($shell.Streams.Error.Count -gt 0) { throw "The runspace reported: $($shell.Streams.Error[0])" }
            return $output
        }
        finally { $shell.Dispose() }
    }
}

AfterAll {
    Stop-HyprEmulator $emulator
}

Describe 'Get-HyprTokenCache' {
    BeforeAll {
        $alpha = New-EmulatorClient $emulator @{ scopes = @('hypr:rp:report') }
        $beta = New-EmulatorClient $emulator @{}
        $alphaToken = Get-Token $alpha
        $betaToken = Get-Token $beta
        $fixed = New-EmulatorClient $emulator @{}
        $fixedToken = Get-HyprAccessToken -TenantUri $tenant -Assertion (New-HyprClientAssertion $fixed.clientId $fixed.clientKey)
        $mine = @($alpha.clientId, $beta.clientId, $fixed.clientId)
    }

    It 'lists one entry per cached token, with tenant, client, scope and expiry' {
        $entries = @(Get-HyprTokenCache | Where-Object ClientId -In $mine)
        $entries.Count | Should -Be 3
        $entries | Should -BeOfType ([HyprAuth.HyprTokenCacheEntry])
        $entry = $entries | Where-Object ClientId -EQ $alpha.clientId
        $entry.TenantUri | Should -Be $alphaToken.TenantUri
        "$($entry.TokenEndpoint)" | Should -BeExactly "$tenant/rp/token/endpoint/exchange/clientcredentials"
        $entry.Scope | Should -Be @('hypr:rp:report')
        $entry.ExpiresOn | Should -Be $alphaToken.ExpiresOn
        $entry.IssuedOn | Should -Be $alphaToken.IssuedOn
        $entry.Audience | Should -BeExactly 'https://hypr.com'
        $entry.CanRenew | Should -BeTrue
        $entry.KeyThumbprint | Should -BeExactly (New-HyprClientAssertion $alpha.clientId $alpha.clientKey).KeyId
    }

    It 'marks a token got from a ready assertion as not renewable, without a key thumbprint' {
        $entry = Get-HyprTokenCache -ClientId $fixed.clientId
        $entry.CanRenew | Should -BeFalse
        $entry.KeyThumbprint | Should -BeNullOrEmpty
    }

    It 'shows no token and no key in any rendering' {
        $renderings = @(
            (Get-HyprTokenCache | Out-String -Width 4096)
            (Get-HyprTokenCache | Format-List * -Force | Out-String -Width 4096)
            (Get-HyprTokenCache | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue)
            ((Get-HyprTokenCache | ForEach-Object ToString) -join "`n")
        ) -join "`n"
        $renderings | Should -Match ([regex]::Escape($alpha.clientId))
        foreach ($secret in @((Get-TokenValue $alphaToken), (Get-TokenValue $betaToken), (Get-TokenValue $fixedToken), $alpha.clientKey,
            $beta.clientKey, $fixed.clientKey)) {
            $renderings.Contains($secret) | Should -BeFalse
        }
        (Get-HyprTokenCache)[0].PSObject.Properties.Name | Sort-Object |
            Should -Be (@('TenantUri', 'TokenEndpoint', 'ClientId', 'Audience', 'Scope', 'IssuedOn', 'ExpiresOn', 'KeyThumbprint', 'CanRenew',
                'Location') | Sort-Object)
    }

    It 'filters by -ClientId <Pattern>' -ForEach @(
        @{ Pattern = 'exact'; Expected = 1 }
        @{ Pattern = 'prefix wildcard'; Expected = 1 }
        @{ Pattern = 'upper case'; Expected = 1 }
        @{ Pattern = 'no match'; Expected = 0 }
    ) {
        $value = switch ($Pattern) {
            'exact' { $beta.clientId }
            'prefix wildcard' { $beta.clientId.Substring(0, 20) + '*' }
            'upper case' { $beta.clientId.ToUpperInvariant() }
            'no match' { 'hypap-nobody-*' }
        }
        @(Get-HyprTokenCache -ClientId $value).Count | Should -Be $Expected
        if ($Expected) { (Get-HyprTokenCache -ClientId $value).ClientId | Should -BeExactly $beta.clientId }
    }

    It 'filters by -TenantUri as <Form>' -ForEach @(
        @{ Form = 'the tenant URI'; ShouldMatch = $true }
        @{ Form = 'host:port'; ShouldMatch = $true }
        @{ Form = 'a wildcard'; ShouldMatch = $true }
        @{ Form = 'another tenant'; ShouldMatch = $false }
    ) {
        $value = switch ($Form) {
            'the tenant URI' { $tenant }
            'host:port' { $authority }
            'a wildcard' { '127.0.0.1:*' }
            'another tenant' { 'https://elsewhere.hypr.com' }
        }
        $found = @(Get-HyprTokenCache -TenantUri $value | Where-Object ClientId -In $mine)
        if ($ShouldMatch) { $found.Count | Should -Be 3 } else { $found.Count | Should -Be 0 }
    }

    It 'takes -TenantUri and -ClientId from the pipeline by property name (a token)' {
        $entry = $betaToken | Get-HyprTokenCache
        @($entry).Count | Should -Be 1
        $entry.ClientId | Should -BeExactly $beta.clientId
    }
}

Describe 'Clear-HyprTokenCache' {
    BeforeEach {
        $one = New-EmulatorClient $emulator @{}
        $two = New-EmulatorClient $emulator @{}
        $oneToken = Get-Token $one
        $null = Get-Token $two
    }

    It '-WhatIf removes nothing: the next call is still served from the cache' {
        Invoke-WithoutHost Clear-HyprTokenCache @{ ClientId = $one.clientId; WhatIf = $true }
        Invoke-WithoutHost Clear-HyprTokenCache @{ WhatIf = $true }
        (Get-HyprTokenCache -ClientId $one.clientId).ClientId | Should -BeExactly $one.clientId
        (Get-Token $one).FromCache | Should -BeTrue
        Get-EmulatorCount $emulator exchanges $one.clientId | Should -Be 1
    }

    It 'removes the entries it is given, -PassThru says which, and the next call exchanges anew' {
        $removed = Clear-HyprTokenCache -ClientId $one.clientId -PassThru
        @($removed).Count | Should -Be 1
        $removed | Should -BeOfType ([HyprAuth.HyprTokenCacheEntry])
        $removed.ClientId | Should -BeExactly $one.clientId
        Get-HyprTokenCache -ClientId $one.clientId | Should -BeNullOrEmpty
        (Get-HyprTokenCache -ClientId $two.clientId).ClientId | Should -BeExactly $two.clientId -Because 'other entries stay'
        (Get-Token $two).FromCache | Should -BeTrue

        $fresh = Get-Token $one
        $fresh.FromCache | Should -BeFalse
        Get-EmulatorCount $emulator exchanges $one.clientId | Should -Be 2
    }

    It 'writes nothing without -PassThru' {
        Clear-HyprTokenCache -ClientId $one.clientId | Should -BeNullOrEmpty
        Get-HyprTokenCache -ClientId $one.clientId | Should -BeNullOrEmpty
    }

    It 'clears by tenant (host:port) when given -TenantUri' {
        $removed = @(Clear-HyprTokenCache -TenantUri $authority -PassThru)
        $removed.ClientId | Should -Contain $one.clientId
        $removed.ClientId | Should -Contain $two.clientId
        @(Get-HyprTokenCache -TenantUri $authority).Count | Should -Be 0
    }

    It 'lets a still-valid token object whose entry was cleared be used as it is, without an exchange, and says so in verbose' {
        Clear-HyprTokenCache -ClientId $one.clientId
        $before = Get-EmulatorCount $emulator requests 'ANY /rp/api/echo'
        $all = Invoke-HyprApi -Path '/rp/api/echo/after-clear' -AccessToken $oneToken -Verbose 4>&1
        ($all | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).path | Should -BeExactly '/rp/api/echo/after-clear'
        ($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" |
            Should -Match 'cleared.*used as it is until it expires'
        Get-EmulatorCount $emulator requests 'ANY /rp/api/echo' | Should -Be ($before + 1)
        Get-EmulatorCount $emulator exchanges $one.clientId | Should -Be 1
    }
}

Describe 'Single flight: 16 runspaces ask at once with an empty cache' {
    It 'makes exactly one exchange, and every runspace gets the same token' {
        $client = New-EmulatorClient $emulator @{}
        # A slow exchange widens the window in which the others arrive; the barrier releases all 16 at once.
        Invoke-EmulatorControl -Emulator $emulator -Route 'faults' -Body @{ route = 'token'; kind = 'delay'; delayMs = 400 } | Out-Null
        $barrier = [System.Threading.Barrier]::new(16)
        $results = 1..16 | ForEach-Object -ThrottleLimit 16 -Parallel {
            Import-Module $using:manifest
            $client = $using:client
            $released = ($using:barrier).SignalAndWait(30000)
            try {
                $token = Get-HyprAccessToken -TenantUri $using:tenant -ClientId $client.clientId -ClientKey $client.clientKey -ErrorAction Stop
                [pscustomobject]@{
                    Released = $released
                    Value = [System.Net.NetworkCredential]::new('', $token.AccessToken).Password
                    Failure = $null
                }
            }
            catch { [pscustomobject]@{ Released = $released; Value = $null; Failure = "$($_.FullyQualifiedErrorId): $_" } }
        }
        $barrier.Dispose()
        $results.Count | Should -Be 16
        $results.Failure | Where-Object { $_ } | Should -BeNullOrEmpty
        $results.Released | Should -Not -Contain $false
        @($results.Value | Sort-Object -Unique).Count | Should -Be 1
        Get-EmulatorCount $emulator exchanges $client.clientId | Should -Be 1
        Get-EmulatorCount $emulator exchangeAttempts $client.clientId | Should -Be 1
        # The token went into the shared cache: this runspace is served from it too.
        $here = Get-Token $client
        $here.FromCache | Should -BeTrue
        Get-TokenValue $here | Should -BeExactly $results[0].Value
    }

    It 'runspaces handed the token with $using: call the API with it, and nobody exchanges again' {
        $client = New-EmulatorClient $emulator @{}
        $token = Get-Token $client
        $before = Get-EmulatorCount $emulator requests 'ANY /rp/api/echo'
        $results = 1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
            Import-Module $using:manifest
            $token = $using:token
            foreach ($call in 1..5) { (Invoke-HyprApi -Path "/rp/api/echo/$_" -AccessToken $token -ErrorAction Stop).path }
        }
        $results.Count | Should -Be 40
        Get-EmulatorCount $emulator requests 'ANY /rp/api/echo' | Should -Be ($before + 40)
        Get-EmulatorCount $emulator exchanges $client.clientId | Should -Be 1
    }
}

Describe 'Runspaces share the cache, not connections or keys' {
    BeforeAll {
        $victim = New-EmulatorClient $emulator @{}
        $attacker = New-EmulatorClient $emulator @{}
        $victimToken = Get-Token $victim
        $victimValue = Get-TokenValue $victimToken
    }

    It 'another runspace has no connection: Invoke-HyprApi there fails with NoConnection, before any request' {
        $before = Get-EmulatorCount $emulator requests 'ANY /rp/api/echo'
        $result = Invoke-InNewRunspace {
            try { Invoke-HyprApi -Path '/rp/api/echo' -ErrorAction Stop; 'no error' }
            catch { $_.FullyQualifiedErrorId; $_.Exception.GetType().FullName }
        }
        $result[0] | Should -BeExactly 'NoConnection,HyprAuth.Commands.InvokeHyprApiCommand'
        $result[1] | Should -BeExactly 'HyprAuth.HyprException'
        Get-EmulatorCount $emulator requests 'ANY /rp/api/echo' | Should -Be $before
    }

    It 'another runspace without the key cannot get the cached token with another key' {
        $result = Invoke-InNewRunspace {
            param($Tenant, $ClientId, $WrongKey)
            try {
                $t = Get-HyprAccessToken -TenantUri $Tenant -ClientId $ClientId -ClientKey $WrongKey -ErrorAction Stop
                [System.Net.NetworkCredential]::new('', $t.AccessToken).Password
            }
            catch { $_.FullyQualifiedErrorId }
        } @($tenant, $victim.clientId, $attacker.clientKey)
        $result | Should -BeExactly 'HyprInvalidTokenExchange,HyprAuth.Commands.GetHyprAccessTokenCommand'
        $result | Should -Not -Be $victimValue
        Get-EmulatorCount $emulator exchanges $victim.clientId | Should -Be 1
    }

    It 'another runspace cannot get it with an assertion that claims the client but is signed with another key' {
        $forged = New-HyprClientAssertion -ClientId $victim.clientId -ClientKey $attacker.clientKey `
            -KeyId (New-HyprClientAssertion $victim.clientId $victim.clientKey).KeyId
        $result = Invoke-InNewRunspace {
            param($Tenant, $Jwt)
            try {
                $t = Get-HyprAccessToken -TenantUri $Tenant -Assertion $Jwt -ErrorAction Stop
                [System.Net.NetworkCredential]::new('', $t.AccessToken).Password
            }
            catch { $_.FullyQualifiedErrorId }
        } @($tenant, $forged.Jwt)
        $result | Should -BeExactly 'HyprInvalidTokenExchange,HyprAuth.Commands.GetHyprAccessTokenCommand'
        Get-EmulatorCount $emulator exchanges $victim.clientId | Should -Be 1
    }

    It 'another runspace sees the entry in Get-HyprTokenCache, with nothing secret in it' {
        $text = Invoke-InNewRunspace {
            param($ClientId)
            Get-HyprTokenCache -ClientId $ClientId | Format-List * -Force | Out-String -Width 4096
        } @($victim.clientId)
        "$text" | Should -Match ([regex]::Escape($victim.clientId))
        "$text".Contains($victimValue) | Should -BeFalse
        "$text".Contains($victim.clientKey) | Should -BeFalse
    }

    It 'another runspace holding the key shares the cached token (no exchange)' {
        $result = Invoke-InNewRunspace {
            param($Tenant, $ClientId, $Key)
            $t = Get-HyprAccessToken -TenantUri $Tenant -ClientId $ClientId -ClientKey $Key
            $t.FromCache
            [System.Net.NetworkCredential]::new('', $t.AccessToken).Password
        } @($tenant, $victim.clientId, $victim.clientKey)
        $result[0] | Should -BeTrue
        $result[1] | Should -BeExactly $victimValue
        Get-EmulatorCount $emulator exchanges $victim.clientId | Should -Be 1
    }

    It 'a connection made in another runspace does not become this runspace''s' {
        $mineOnly = New-EmulatorClient $emulator @{ scopes = @('hypr:rp:report') }
        $theirs = New-EmulatorClient $emulator @{ scopes = @('hypr:cc:applications') }
        Connect-Hypr -TenantUri $tenant -ClientId $mineOnly.clientId -ClientKey $mineOnly.clientKey
        Invoke-InNewRunspace { param($Tenant, $ClientId, $Key) Connect-Hypr -TenantUri $Tenant -ClientId $ClientId -ClientKey $Key } @($tenant,
            $theirs.clientId, $theirs.clientKey)
        # This runspace still uses its own connection: a client with hypr:rp:report may introspect, theirs may not.
        (Invoke-HyprApi -Path '/rp/api/bulk/HYPRDefaultApplication/introspect').rpAppId | Should -BeExactly 'HYPRDefaultApplication'
    }
}
