# Get-HyprAccessToken on the built module, against the emulator: the exchange, the session cache, HYPR's errors,
# retries, timeouts, the HTTPS rule, clock skew, and a token object that never shows its value.
# The emulator's counters are the evidence of what went over the wire.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-HyprModuleManifest) -Force
    $script:emulator = Start-TestEmulator
    $script:tenant = $emulator.BaseUri
    $script:command = 'HyprAuth.Commands.GetHyprAccessTokenCommand'
    $script:tokenRoute = 'POST /rp/token/endpoint/exchange/clientcredentials'
}

AfterAll {
    Stop-HyprEmulator $emulator
}

Describe 'Get-HyprAccessToken: exchange and the session cache' {
    BeforeAll {
        $client = New-EmulatorClient $emulator @{}
        $first = Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey
        $exchangesAfterFirst = Get-EmulatorCount $emulator exchanges $client.clientId
        $second = Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey
        $exchangesAfterSecond = Get-EmulatorCount $emulator exchanges $client.clientId
    }

    It 'exchanges on the first call' {
        $exchangesAfterFirst | Should -Be 1
        $first.FromCache | Should -BeFalse
    }

    It 'returns a HyprAccessToken with the documented properties' {
        $first | Should -BeOfType ([HyprAuth.HyprAccessToken])
        $first.TokenType | Should -BeExactly 'Bearer'
        $first.AccessToken | Should -BeOfType ([securestring])
        Get-TokenValue $first | Should -Match '^hypap-[0-9a-f-]{36}$'
        $first.Scope | Should -Be @('hypr:rp:report', 'hypr:cc:applications')
        $first.ClientId | Should -BeExactly $client.clientId
        $first.TenantUri | Should -Be ([uri]"$tenant/")
        $first.ExpiresOn.Offset | Should -Be ([TimeSpan]::Zero)
        ($first.ExpiresOn - $first.IssuedOn).TotalSeconds | Should -Be 3600
        ($first.IssuedOn - [DateTimeOffset]::UtcNow).Duration().TotalSeconds | Should -BeLessThan 30
        $first.ExpiresIn | Should -BeOfType ([TimeSpan])
        ($first.ExpiresOn - [DateTimeOffset]::UtcNow - $first.ExpiresIn).Duration().TotalSeconds | Should -BeLessThan 30 -Because 'computed when read'
        ($first | Get-Member -Name ExpiresIn -MemberType Property) | Should -Not -BeNullOrEmpty
    }

    It 'serves the second call from the cache: FromCache, the same token, no exchange' {
        $exchangesAfterSecond | Should -Be 1
        $second.FromCache | Should -BeTrue
        Get-TokenValue $second | Should -BeExactly (Get-TokenValue $first)
        $second.ExpiresOn | Should -Be $first.ExpiresOn
    }

    It 'serves the same key given in another form (a -KeyPath file, a SecureString) from the cache' {
        $path = Join-Path $TestDrive 'client.key'
        Set-Content -LiteralPath $path -Value $client.clientKey -NoNewline
        Set-KeyFileOwnerOnly $path
        (Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -KeyPath $path).FromCache | Should -BeTrue
        (Get-HyprAccessToken $tenant $client.clientId (ConvertTo-SecureString $client.clientKey -AsPlainText -Force)).FromCache | Should -BeTrue
        Get-EmulatorCount $emulator exchanges $client.clientId | Should -Be 1
    }

    It '-Force exchanges again, and the new token is the one cached from then on' {
        $forced = Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey -Force
        $forced.FromCache | Should -BeFalse
        Get-EmulatorCount $emulator exchanges $client.clientId | Should -Be 2
        Get-TokenValue $forced | Should -Not -Be (Get-TokenValue $first)
        $after = Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey
        $after.FromCache | Should -BeTrue
        Get-TokenValue $after | Should -BeExactly (Get-TokenValue $forced)
        Get-EmulatorCount $emulator exchanges $client.clientId | Should -Be 2
    }

    It 'caches the token of a ready assertion: the same assertion again is served from the cache, not replayed' {
        $fixed = New-EmulatorClient $emulator @{}
        $assertion = New-HyprClientAssertion -ClientId $fixed.clientId -ClientKey $fixed.clientKey
        (Get-HyprAccessToken -TenantUri $tenant -Assertion $assertion).FromCache | Should -BeFalse
        (Get-HyprAccessToken -TenantUri $tenant -Assertion $assertion.Jwt).FromCache | Should -BeTrue
        Get-EmulatorCount $emulator exchangeAttempts $fixed.clientId | Should -Be 1 -Because 'a second send would be refused as a jti replay'
    }

    It 'keeps another key of the same client apart (the key is part of the cache key)' {
        $rotated = New-EmulatorClient $emulator @{ clientId = $client.clientId }
        $rotated.clientKey | Should -Not -Be $client.clientKey
        $before = Get-EmulatorCount $emulator exchanges $client.clientId
        $token = Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $rotated.clientKey
        $token.FromCache | Should -BeFalse
        Get-EmulatorCount $emulator exchanges $client.clientId | Should -Be ($before + 1)
    }
}

Describe 'Get-HyprAccessToken: renewal before expiry' {
    It 'hands out a token only with enough validity left, and renews it before it expires' {
        $client = New-EmulatorClient $emulator @{}
        # A token that lives 6 s (answered by the emulator's fault control), so its renewal point comes within the test:
        # for a short-lived token the cache requires half its lifetime to be left.
        $shortLived = 'hypap-short-' + [guid]::NewGuid()
        Add-EmulatorFault $emulator @{
            route = 'token'
            kind = 'status'
            status = 200
            body = (@{ token_type = 'Bearer'; expires_in = 6; access_token = $shortLived; scope = 'hypr:rp:report' } | ConvertTo-Json -Compress)
        }
        $first = Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey
        Get-TokenValue $first | Should -BeExactly $shortLived
        $first.FromCache | Should -BeFalse

        $again = Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey
        $again.FromCache | Should -BeTrue
        Get-TokenValue $again | Should -BeExactly $shortLived

        # Wait until less than half its life is left, but the token is still valid.
        $renewAt = $first.IssuedOn.AddSeconds(3.4)
        $wait = $renewAt - [DateTimeOffset]::UtcNow
        if ($wait -gt [TimeSpan]::Zero) { Start-Sleep -Milliseconds ([int]$wait.TotalMilliseconds) }
        $stillValid = [DateTimeOffset]::UtcNow -lt $first.ExpiresOn
        $renewed = Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey
        $stillValid | Should -BeTrue -Because 'the renewal happened before the old token expired'
        $renewed.FromCache | Should -BeFalse
        Get-TokenValue $renewed | Should -Not -Be $shortLived
        Get-EmulatorCount $emulator exchanges $client.clientId | Should -Be 1 -Because 'the renewal was a real exchange at the emulator'
        ($renewed.ExpiresOn - $renewed.IssuedOn).TotalSeconds | Should -Be 3600
    }

    It 'does not renew at every call a token whose TTL is barely over the 60 s minimum validity (TTL 61 s)' {
        $client = New-EmulatorClient $emulator @{ tokenTtlSeconds = 61 }
        $first = Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey
        ($first.ExpiresOn - $first.IssuedOn).TotalSeconds | Should -Be 61
        $second = Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey
        $second.FromCache | Should -BeTrue
        Get-EmulatorCount $emulator exchanges $client.clientId | Should -Be 1
    }
}

Describe 'Get-HyprAccessToken: each HYPR error code ends in its ErrorId' {
    BeforeAll {
        function Get-Failure([scriptblock] $Call) {
            try { & $Call | Out-Null } catch { return $_ }
            throw 'The call did not fail.'
        }
    }

    It '1201023 (<Case>) is HyprInvalidTokenRequest' -ForEach @(
        @{ Case = 'token TTL below 60 s'; Spec = @{ tokenTtlSeconds = 30 }; Says = 'at least 60 seconds' }
        @{ Case = 'a scope that is not an API scope'; Spec = @{ scopes = @('openid') }; Says = 'not an API scope' }
    ) {
        $client = New-EmulatorClient $emulator $Spec
        $failure = Get-Failure { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey }
        $failure.FullyQualifiedErrorId | Should -BeExactly "HyprInvalidTokenRequest,$command"
        $failure.Exception | Should -BeOfType ([HyprAuth.HyprException])
        $failure.Exception.HyprErrorCode | Should -Be 1201023
        $failure.Exception.StatusCode | Should -Be 400
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failure.Exception.Message | Should -Match $Says
        $failure.ErrorDetails.RecommendedAction | Should -Match 'API scopes'
        $failure.ErrorDetails.RecommendedAction | Should -Match '60 seconds'
        "$($failure.TargetObject)" | Should -BeExactly "$tenant/rp/token/endpoint/exchange/clientcredentials"
        (Get-ErrorText $failure).Contains($client.clientKey) | Should -BeFalse
        Get-EmulatorCount $emulator exchangeAttempts $client.clientId | Should -Be 1 -Because '1201023 is not retried'
    }

    It 'a 404 from the token endpoint is HyprTokenEndpointNotFound, whose advice is to check the tenant address' {
        $client = New-EmulatorClient $emulator @{}
        Add-EmulatorFault $emulator @{ route = 'token'; kind = 'status'; status = 404; body = '' }
        $failure = Get-Failure { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey }
        $failure.FullyQualifiedErrorId | Should -BeExactly "HyprTokenEndpointNotFound,$command"
        $failure.ErrorDetails.RecommendedAction | Should -Match 'bare tenant address'
        $failure.ErrorDetails.RecommendedAction | Should -Not -Match '\bkey\b'
    }

    It '1201047 (a key the server does not hold for the client) is HyprInvalidTokenExchange, with the local diagnosis' {
        $client = New-EmulatorClient $emulator @{}
        $stranger = New-EmulatorClient $emulator @{}
        $failure = Get-Failure { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $stranger.clientKey }
        $failure.FullyQualifiedErrorId | Should -BeExactly "HyprInvalidTokenExchange,$command"
        $failure.Exception.HyprErrorCode | Should -Be 1201047
        $failure.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $failure.Exception.Message | Should -Match 'signature verification failed'
        $failure.Exception.Message | Should -Match 'Likely cause: .*passes every local check.*does not hold this key'
        $failure.ErrorDetails.RecommendedAction | Should -Match 'Test-HyprClientAssertion'
        (Get-ErrorText $failure).Contains($stranger.clientKey) | Should -BeFalse
        Get-EmulatorCount $emulator exchanges $client.clientId | Should -Be 0
    }

    It '1201047 (an assertion that expires too far in the future) names the failing local check' {
        $client = New-EmulatorClient $emulator @{}
        $assertion = New-HyprClientAssertion -ClientId $client.clientId -ClientKey $client.clientKey -Lifetime '02:00:00' `
            -WarningAction SilentlyContinue
        $failure = Get-Failure { Get-HyprAccessToken -TenantUri $tenant -Assertion $assertion }
        $failure.FullyQualifiedErrorId | Should -BeExactly "HyprInvalidTokenExchange,$command"
        $failure.Exception.Message | Should -Match 'assertion lifetime exceeds 3600 seconds'
        $failure.Exception.Message | Should -Match 'Likely cause: .*Lifetime: valid for 7200 s'
        (Get-ErrorText $failure).Contains($assertion.Jwt) | Should -BeFalse -Because 'the assertion is a credential until it expires'
        (Get-ErrorText $failure).Contains($assertion.Jwt.Split('.')[2]) | Should -BeFalse
    }

    It '1201093 (too many active tokens) is HyprTokenExchangeThrottled, and the cached token is still served without another exchange' {
        $client = New-EmulatorClient $emulator @{ maxActiveTokens = 1 }
        $held = Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey -Force
        $failure = Get-Failure { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey -Force }
        $failure.FullyQualifiedErrorId | Should -BeExactly "HyprTokenExchangeThrottled,$command"
        $failure.Exception.HyprErrorCode | Should -Be 1201093
        $failure.Exception.StatusCode | Should -Be 429
        $failure.CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $failure.ErrorDetails.RecommendedAction | Should -Match 'Reuse a token'
        Get-EmulatorCount $emulator exchangeAttempts $client.clientId | Should -Be 2 -Because '1201093 is not retried'

        $cached = Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey
        $cached.FromCache | Should -BeTrue
        Get-TokenValue $cached | Should -BeExactly (Get-TokenValue $held)
        Get-EmulatorCount $emulator exchangeAttempts $client.clientId | Should -Be 2
    }

    It '1202500 (HTTP 429 until the retries run out) is HyprRateLimited, after exactly 1 + -MaximumRetryCount attempts' {
        $client = New-EmulatorClient $emulator @{}
        Add-EmulatorFault $emulator @{
            route = 'token'
            kind = 'status'
            status = 429
            count = 3
            retryAfter = '0'
            body = '{"errorCode":1202500,"errorMessage":"Too many requests"}'
        }
        $before = Get-EmulatorCount $emulator requests $tokenRoute
        $failure = Get-Failure { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey -MaximumRetryCount 2 }
        $failure.FullyQualifiedErrorId | Should -BeExactly "HyprRateLimited,$command"
        $failure.Exception.HyprErrorCode | Should -Be 1202500
        $failure.Exception.StatusCode | Should -Be 429
        $failure.CategoryInfo.Category | Should -Be 'LimitsExceeded'
        Get-EmulatorCount $emulator requests $tokenRoute | Should -Be ($before + 3)
        # No broken entry is left behind: the next call exchanges normally.
        (Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey).FromCache | Should -BeFalse
        Get-EmulatorCount $emulator exchanges $client.clientId | Should -Be 1
    }

    It 'a key error stops the call before any request: <ErrorId>' -ForEach @(
        @{ ErrorId = 'ClientKeyNotEc'; Key = { [Convert]::ToBase64String([System.Security.Cryptography.RSA]::Create(2048).ExportPkcs8PrivateKey()) } }
        @{ ErrorId = 'ClientKeyNotBase64'; Key = { 'definitely not a key!' } }
        @{ ErrorId = 'ClientKeyEmpty'; Key = { ' ' } }
    ) {
        $key = & $Key
        $before = Get-EmulatorRequestTotal $emulator
        $failure = Get-Failure { Get-HyprAccessToken -TenantUri $tenant -ClientId 'hypap-keyless' -ClientKey $key }
        $failure.FullyQualifiedErrorId | Should -BeExactly "$ErrorId,$command"
        (Get-ErrorText $failure).Contains($key.Trim()) | Should -Be ($key.Trim().Length -eq 0)
        Get-EmulatorRequestTotal $emulator | Should -Be $before
    }
}

Describe 'Get-HyprAccessToken: retries and timeouts' {
    It 'retries a 429 with Retry-After: 1 after a second, and succeeds' {
        $client = New-EmulatorClient $emulator @{}
        Add-EmulatorFault $emulator @{
            route = 'token'
            kind = 'status'
            status = 429
            retryAfter = '1'
            body = '{"errorCode":1202500,"errorMessage":"Too many requests"}'
        }
        $before = Get-EmulatorCount $emulator requests $tokenRoute
        $faultsBefore = (Get-EmulatorCounters $emulator).faultsServed
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $verbose = $null
        $token = Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey -Verbose 4>&1 |
            Tee-Object -Variable verbose | Where-Object { $_ -is [HyprAuth.HyprAccessToken] }
        $watch.Stop()
        $token.FromCache | Should -BeFalse
        $watch.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 0.9 -Because 'Retry-After is honoured'
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
        Get-EmulatorCount $emulator requests $tokenRoute | Should -Be ($before + 2)
        (Get-EmulatorCounters $emulator).faultsServed | Should -Be ($faultsBefore + 1)
        Get-EmulatorCount $emulator exchanges $client.clientId | Should -Be 1
        ($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Out-String) | Should -Match '429'
    }

    It 'retries a 503 and succeeds' {
        $client = New-EmulatorClient $emulator @{}
        Add-EmulatorFault $emulator @{ route = 'token'; kind = 'status'; status = 503; retryAfter = '0'; body = '{"errorMessage":"maintenance"}' }
        $before = Get-EmulatorCount $emulator requests $tokenRoute
        (Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey).ClientId | Should -BeExactly $client.clientId
        Get-EmulatorCount $emulator requests $tokenRoute | Should -Be ($before + 2)
    }

    It 'does not retry HTTP <Status>: one attempt, then <ErrorId>' -ForEach @(
        # A refused exchange without HYPR's code is reported like 1201047: the exchange itself failed, not a token or a scope.
        @{ Status = 400; Body = '{"error":"invalid_request","error_description":"the request is malformed"}'; ErrorId = 'HyprInvalidTokenExchange' }
        @{ Status = 401; Body = '{"error":"invalid_client","error_description":"who are you"}'; ErrorId = 'HyprInvalidTokenExchange' }
        @{ Status = 403; Body = '{"error":"access_denied","error_description":"not for you"}'; ErrorId = 'HyprInvalidTokenExchange' }
        # Nothing at that address: the advice is about the address, not the key.
        @{ Status = 404; Body = ''; ErrorId = 'HyprTokenEndpointNotFound' }
    ) {
        $client = New-EmulatorClient $emulator @{}
        # One fault only: a retry would meet a healthy endpoint and succeed, so a retry fails this test.
        Add-EmulatorFault $emulator @{ route = 'token'; kind = 'status'; status = $Status; body = $Body }
        $before = Get-EmulatorCount $emulator requests $tokenRoute
        { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey } |
            Should -Throw -ErrorId "$ErrorId,$command"
        Get-EmulatorCount $emulator requests $tokenRoute | Should -Be ($before + 1)
        Get-EmulatorCount $emulator exchanges $client.clientId | Should -Be 0
    }

    It 'stops an exchange in flight at once when the pipeline is stopped (Ctrl+C), and leaves nothing broken behind' {
        $client = New-EmulatorClient $emulator @{}
        Add-EmulatorFault $emulator @{ route = 'token'; kind = 'delay'; delayMs = 8000 }
        $before = Get-EmulatorCount $emulator requests $tokenRoute
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript('param($Manifest, $Tenant, $Id, $Key) Import-Module $Manifest
                Get-HyprAccessToken -TenantUri $Tenant -ClientId $Id -ClientKey $Key')
            $null = $shell.AddArgument((Get-HyprModuleManifest)).AddArgument($tenant).AddArgument($client.clientId).AddArgument($client.clientKey)
            $handle = $shell.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(10)
            while ((Get-EmulatorCount $emulator requests $tokenRoute) -eq $before -and [DateTime]::UtcNow -lt
                $deadline) { Start-Sleep -Milliseconds 50 }
            Get-EmulatorCount $emulator requests $tokenRoute | Should -Be ($before + 1) -Because 'the exchange is in flight'
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $shell.Stop()
            $watch.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 1.5
            $handle.IsCompleted | Should -BeTrue
            $shell.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally { $shell.Dispose() }
        (Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey).FromCache | Should -BeFalse
        Get-EmulatorCount $emulator exchanges $client.clientId | Should -Be 1
    }

    It 'ends a request that takes too long within -TimeoutSec plus a second, with HyprRequestTimedOut' {
        $client = New-EmulatorClient $emulator @{}
        Add-EmulatorFault $emulator @{ route = 'token'; kind = 'delay'; delayMs = 5000 }
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $failure = $null
        try { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey -TimeoutSec 1 } catch { $failure = $_ }
        $watch.Stop()
        $failure | Should -Not -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -BeExactly "HyprRequestTimedOut,$command"
        $failure.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 2
        # Nothing broken is cached: the next call exchanges.
        (Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey).FromCache | Should -BeFalse
    }
}

Describe 'Get-HyprAccessToken: HTTPS only, except for loopback' {
    BeforeAll {
        $client = New-EmulatorClient $emulator @{}
    }

    It 'refuses <Uri> before any request, with InvalidTenantUri' -ForEach @(
        @{ Uri = 'http://example.com' }
        @{ Uri = 'http://highlandsbank.hypr.com/' }
        @{ Uri = 'http://10.0.0.1:8009' }
        @{ Uri = 'http://127.0.0.1.example.com' }
        @{ Uri = 'ftp://highlandsbank.hypr.com' }
    ) {
        $before = Get-EmulatorRequestTotal $emulator
        $failure = { Get-HyprAccessToken -TenantUri $Uri -ClientId $client.clientId -ClientKey $client.clientKey -TimeoutSec 2 } |
            Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeExactly "InvalidTenantUri,$command"
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Get-EmulatorRequestTotal $emulator | Should -Be $before
        (Get-ErrorText $failure).Contains($client.clientKey) | Should -BeFalse
    }

    It 'refuses an http:// -TokenEndpoint on another host, with InvalidTokenEndpoint' {
        $failure = { Get-HyprAccessToken -TenantUri $tenant -TokenEndpoint 'http://token.example.com/exchange' -ClientId $client.clientId `
            -ClientKey $client.clientKey } |
            Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeExactly "InvalidTokenEndpoint,$command"
        Get-EmulatorCount $emulator exchangeAttempts $client.clientId | Should -Be 0
    }

    It 'accepts http:// on the loopback emulator' {
        (Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey).TenantUri.Scheme | Should -Be 'http'
    }
}

Describe 'Get-HyprAccessToken: the token value is never shown' {
    BeforeAll {
        $client = New-EmulatorClient $emulator @{}
        $stream = Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey -Verbose -Debug 4>&1 5>&1
        $token = $stream | Where-Object { $_ -is [HyprAuth.HyprAccessToken] }
        $otherStreams = $stream | Where-Object { $_ -isnot [HyprAuth.HyprAccessToken] } | Out-String -Width 4096
        $value = Get-TokenValue $token
    }

    It 'knows the real value (read here from the SecureString only)' {
        $value | Should -Match '^hypap-'
        $value.Length | Should -BeGreaterThan 20
    }

    It 'does not show it in <View>' -ForEach @(
        @{ View = 'the default view'; Render = { param($t) $t | Out-String -Width 4096 } }
        @{ View = 'Format-List * -Force'; Render = { param($t) $t | Format-List * -Force | Out-String -Width 4096 } }
        @{ View = 'Format-Table *'; Render = { param($t) $t | Format-Table * | Out-String -Width 4096 } }
        @{ View = 'ConvertTo-Json -Depth 5'; Render = { param($t) $t | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue } }
        @{ View = 'ConvertTo-Csv'; Render = { param($t) $t | ConvertTo-Csv | Out-String } }
        @{ View = 'ToString()'; Render = { param($t) $t.ToString() } }
        @{ View = 'a string'; Render = { param($t) "$t" } }
        @{ View = 'every property as text'; Render = { param($t) $t.PSObject.Properties | ForEach-Object { "$($_.Name)=$($_.Value)" } | Out-String } }
        @{ View = 'Get-HyprTokenCache'; Render = { param($t) Get-HyprTokenCache | Format-List * -Force | Out-String -Width 4096 } }
    ) {
        $text = & $Render $token
        $text | Should -Not -BeNullOrEmpty
        $text.Contains($value) | Should -BeFalse
        $text.Contains($value.Substring(6)) | Should -BeFalse -Because 'not even the part after the hypap- prefix'
    }

    It 'does not show it in the verbose and debug output of the exchange' {
        $otherStreams | Should -Match 'Exchanged a new token'
        $otherStreams.Contains($value) | Should -BeFalse
        $otherStreams.Contains($client.clientKey) | Should -BeFalse
    }

    It 'shows expiry and scope in the default view' {
        $view = $token | Out-String -Width 4096
        $view | Should -Match ([regex]::Escape($token.ExpiresOn.ToString('u')))
        $view | Should -Match 'hypr:rp:report hypr:cc:applications'
        $view | Should -Match 'ExpiresIn\s*:\s*\d\d:\d\d:\d\d'
    }

    It 'works with Invoke-RestMethod -Authentication Bearer -Token as it is' {
        $before = Get-EmulatorCount $emulator requests 'ANY /rp/api/echo'
        $echo = Invoke-RestMethod -Uri "$tenant/rp/api/echo/irm" -Authentication Bearer -Token $token.AccessToken -AllowUnencryptedAuthentication
        $echo.path | Should -BeExactly '/rp/api/echo/irm'
        $echo.headers.authorization | Should -BeExactly '<redacted: Bearer>'
        (Invoke-EmulatorControl -Emulator $emulator -Route 'last-request' -Method GET).authorizationPresent | Should -BeTrue
        Get-EmulatorCount $emulator requests 'ANY /rp/api/echo' | Should -Be ($before + 1)
    }
}

# Last: it teaches the module's clock-skew tracker an offset for this emulator.
Describe 'Get-HyprAccessToken: a skewed server clock' {
    AfterAll {
        # Put the clock back and let the module see an in-step Date header, so no offset outlives this file.
        Invoke-EmulatorControl -Emulator $emulator -Route 'clock' -Body @{ offsetSeconds = 0 } | Out-Null
        $resync = New-EmulatorClient $emulator @{}
        # (The first exchange after the clock is back may fail: see the skipped test below.)
        try { $null = Get-HyprAccessToken -TenantUri $tenant -ClientId $resync.clientId -ClientKey $resync.clientKey } catch { $null = $_ }
    }

    It 'still gets a token when the emulator''s clock is <Offset> s off' -ForEach @(@{ Offset = 600 }, @{ Offset = -600 }) {
        Invoke-EmulatorControl -Emulator $emulator -Route 'clock' -Body @{ offsetSeconds = $Offset } | Out-Null
        $client = New-EmulatorClient $emulator @{}
        $verbose = $null
        $token = Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey -Verbose 4>&1 |
            Tee-Object -Variable verbose | Where-Object { $_ -is [HyprAuth.HyprAccessToken] }
        $token.ClientId | Should -BeExactly $client.clientId
        Get-EmulatorCount $emulator exchanges $client.clientId | Should -Be 1
        Get-EmulatorCount $emulator exchangeAttempts $client.clientId | Should -BeLessOrEqual 2 -Because 'at most one attempt is lost to the skew'
        ($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Out-String) | Should -Match 'clock'
    }

    It 'a second client on the same skewed tenant gets its token at the first attempt' {
        Invoke-EmulatorControl -Emulator $emulator -Route 'clock' -Body @{ offsetSeconds = -600 } | Out-Null
        $client = New-EmulatorClient $emulator @{}
        (Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey).ClientId | Should -BeExactly $client.clientId
        Get-EmulatorCount $emulator exchangeAttempts $client.clientId | Should -Be 1
    }

    # The assertion is dated by the stale offset; the server's Date header shows the clocks in step again, so the
    # engine retries once with local dating.
    It 'still gets a token when the emulator''s clock comes back in step after a skew' {
        Invoke-EmulatorControl -Emulator $emulator -Route 'clock' -Body @{ offsetSeconds = -600 } | Out-Null
        $skewed = New-EmulatorClient $emulator @{}
        $null = Get-HyprAccessToken -TenantUri $tenant -ClientId $skewed.clientId -ClientKey $skewed.clientKey
        Invoke-EmulatorControl -Emulator $emulator -Route 'clock' -Body @{ offsetSeconds = 0 } | Out-Null
        $client = New-EmulatorClient $emulator @{}
        (Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey).ClientId | Should -BeExactly $client.clientId
        Get-EmulatorCount $emulator exchangeAttempts $client.clientId | Should -BeLessOrEqual 2
    }
}

Describe 'Get-HyprAccessToken: assertions from the pipeline' {
    It 'reports a failed item and goes on with the next, but ends the command when the bad input is an argument' {
        $good = New-EmulatorClient $emulator @{}
        $other = New-EmulatorClient $emulator @{}
        # Signed with another client's key: the emulator refuses it (1201047); the second is good.
        $forged = (New-HyprClientAssertion -ClientId $good.clientId -ClientKey $other.clientKey).Jwt
        $valid = (New-HyprClientAssertion -ClientId $good.clientId -ClientKey $good.clientKey).Jwt
        $tokens = $forged, $valid | Get-HyprAccessToken -TenantUri $tenant -ErrorVariable failures -ErrorAction SilentlyContinue
        @($tokens).Count | Should -Be 1
        $tokens.ClientId | Should -BeExactly $good.clientId
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeExactly "HyprInvalidTokenExchange,$command"

        { Get-HyprAccessToken -TenantUri $tenant -ClientId $good.clientId -ClientKey $other.clientKey -ErrorAction SilentlyContinue } |
            Should -Throw -ErrorId "HyprInvalidTokenExchange,$command"
    }
}
