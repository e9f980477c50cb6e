# A misbehaving server, through the emulator's fault controls: each case is bounded in time (a Stopwatch, bounds kept
# generous for a loaded machine), ends in a success or in its specific ErrorId, sends exactly the requests it should,
# and leaves no broken cache entry behind: the next good request succeeds. Token-endpoint cases use a client of their
# own, so the emulator's per-client counters speak for that case alone.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-HyprModuleManifest) -Force
    $script:emulator = Start-TestEmulator
    $script:tenant = $emulator.BaseUri
    $script:tokenRoute = 'POST /rp/token/endpoint/exchange/clientcredentials'
    $script:echoRoute = 'ANY /rp/api/echo'
    $script:getToken = 'HyprAuth.Commands.GetHyprAccessTokenCommand'
    $script:invokeApi = 'HyprAuth.Commands.InvokeHyprApiCommand'
    $script:apiClient = New-EmulatorClient $emulator @{}
    $script:apiToken = Get-HyprAccessToken -TenantUri $tenant -ClientId $apiClient.clientId -ClientKey $apiClient.clientKey

    # Queues the faults, runs the call with verbose output captured, and measures it: output, verbose text, the error
    # (if any), seconds taken, and the requests the emulator saw on the token and echo routes meanwhile.
    function Invoke-Faulted([scriptblock] $Faults, [scriptblock] $Call) {
        foreach ($fault in @(& $Faults)) { Add-EmulatorFault $emulator $fault }
        $tokenBefore = Get-EmulatorCount $emulator requests $tokenRoute
        $echoBefore = Get-EmulatorCount $emulator requests $echoRoute
        $ErrorActionPreference = 'Stop'
        $VerbosePreference = 'Continue'
        $record = $null
        $all = @()
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        try { $all = @(& $Call 4>&1) } catch { $record = $_ }
        $watch.Stop()
        $VerbosePreference = 'SilentlyContinue'
        [pscustomobject]@{
            Output        = @($all | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
            Verbose       = ($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message) -join "`n"
            Record        = $record
            Seconds       = $watch.Elapsed.TotalSeconds
            TokenRequests = (Get-EmulatorCount $emulator requests $tokenRoute) - $tokenBefore
            EchoRequests  = (Get-EmulatorCount $emulator requests $echoRoute) - $echoBefore
        }
    }

    function Get-Token($Client, [hashtable] $Extra = @{}) {
        Get-HyprAccessToken -TenantUri $tenant -ClientId $Client.clientId -ClientKey $Client.clientKey @Extra
    }

    $script:tooManyRequests = '{"errorCode":1202500,"errorMessage":"Too many requests"}'
    function Get-TokenBody([hashtable] $Members) { $Members | ConvertTo-Json -Compress }
}

AfterAll {
    Stop-HyprEmulator $emulator
}

Describe 'The token endpoint misbehaves' {
    It '<Case>: <Expect> within <MaxSeconds> s' -ForEach @(
        @{ Case = '429 with Retry-After: 1 (seconds)'; Expect = 'success'; MinSeconds = 0.9; MaxSeconds = 5; Requests = 2; Says =
            'retry 1 of 3 in 1\.0 s \(Retry-After\)'
            Faults = { @{ route = 'token'; kind = 'status'; status = 429; retryAfter = '1'; body = $tooManyRequests } } }
        @{ Case = '429 with Retry-After as an HTTP-date 2 s ahead'; Expect = 'success'; MinSeconds = 0.9; MaxSeconds = 5; Requests = 2; Says =
            '\(Retry-After\)'
            Faults = { @{
                route = 'token'
                kind = 'status'
                status = 429
                retryAfter = [DateTime]::UtcNow.AddSeconds(2).ToString('r')
                body = $tooManyRequests
            } } }
        @{ Case = '429 with Retry-After as an HTTP-date in the past'; Expect = 'success'; MaxSeconds = 1.5; Requests = 2; Says =
            'in 0\.0 s \(Retry-After\)'
            Faults = { @{
                route = 'token'
                kind = 'status'
                status = 429
                retryAfter = [DateTime]::UtcNow.AddHours(-1).ToString('r')
                body = $tooManyRequests
            } } }
        @{ Case = '429 with an unparsable Retry-After (backoff instead, 0.5-1 s)'; Expect = 'success'; MinSeconds = 0.4; MaxSeconds = 4; Requests =
            2; Says = 'unparsable Retry-After, backoff'
            Faults = { @{ route = 'token'; kind = 'status'; status = 429; retryAfter = 'soon, maybe'; body = $tooManyRequests } } }
        @{ Case = '429 with an enormous Retry-After and -MaximumRetryCount 0 (no wait at all)'; Expect = 'HyprRateLimited'; MaxSeconds = 2; Requests =
            1; Extra = @{ MaximumRetryCount = 0 }
            Faults = { @{ route = 'token'; kind = 'status'; status = 429; retryAfter = '100000'; body = $tooManyRequests } } }
        @{ Case = '503 twice, then success'; Expect = 'success'; MaxSeconds = 3; Requests = 3
            Faults = { @{ route = 'token'; kind = 'status'; status = 503; retryAfter = '0'; count = 2; body = '{"errorMessage":"maintenance"}' } } }
        @{ Case = '500 with a JSON body (not retried)'; Expect = 'HyprRequestFailed'; MaxSeconds = 2; Requests = 1; Message =
            'HTTP 500: the database is on fire'
            Faults = { @{ route = 'token'; kind = 'status'; status = 500; body = '{"errorMessage":"the database is on fire"}' } } }
        @{ Case = '500 without a body (not retried)'; Expect = 'HyprRequestFailed'; MaxSeconds = 2; Requests = 1; Message = 'answered HTTP 500\.'
            Faults = { @{ route = 'token'; kind = 'status'; status = 500 } } }
        @{ Case = '502 HTML page from a proxy, retried until -MaximumRetryCount runs out'; Expect = 'HyprRequestFailed'; MaxSeconds = 4; Requests =
            2; Message = 'HTML page'; Extra = @{ MaximumRetryCount = 1 }
            Faults = { @{ route = 'token'; kind = 'html'; status = 502; count = 2 } } }
        @{ Case = 'the connection closed mid-response, once (retried with a new assertion)'; Expect = 'success'; MaxSeconds = 4; Requests = 2
            Faults = { @{ route = 'token'; kind = 'close' } } }
        @{ Case = 'the connection reset, with -MaximumRetryCount 0'; Expect = 'HyprConnectionFailed'; MaxSeconds = 2; Requests = 1; Extra =
            @{ MaximumRetryCount = 0 }
            Faults = { @{ route = 'token'; kind = 'reset' } } }
        @{ Case = 'an answer slower than -TimeoutSec 1 (not retried)'; Expect = 'HyprRequestTimedOut'; MaxSeconds = 2.5; Requests = 1; Extra =
            @{ TimeoutSec = 1 }
            Faults = { @{ route = 'token'; kind = 'delay'; delayMs = 3000 } } }
        @{ Case = '200 without access_token'; Expect = 'HyprInvalidResponse'; MaxSeconds = 2; Requests = 1; Message = 'no access_token'
            Faults = { @{ route = 'token'; kind = 'status'; status = 200; body = (Get-TokenBody @{ token_type = 'Bearer'; expires_in = 3600 }) } } }
        @{ Case = 'a token_type that is not Bearer'; Expect = 'HyprInvalidResponse'; MaxSeconds = 2; Requests = 1; Message =
            "token_type 'mac' is not Bearer"
            Faults = { @{
                route = 'token'
                kind = 'status'
                status = 200
                body = (Get-TokenBody @{ token_type = 'mac'; expires_in = 3600; access_token = 'hypap-mac-token-00000000' })
            } } }
        @{ Case = 'expires_in 0'; Expect = 'HyprInvalidResponse'; MaxSeconds = 2; Requests = 1; Message = 'expires_in is not a positive number'
            Faults = { @{
                route = 'token'
                kind = 'status'
                status = 200
                body = (Get-TokenBody @{ token_type = 'Bearer'; expires_in = 0; access_token = 'hypap-zero-00000000' })
            } } }
        @{ Case = 'expires_in negative'; Expect = 'HyprInvalidResponse'; MaxSeconds = 2; Requests = 1; Message = 'expires_in is not a positive number'
            Faults = { @{
                route = 'token'
                kind = 'status'
                status = 200
                body = (Get-TokenBody @{ token_type = 'Bearer'; expires_in = -60; access_token = 'hypap-negative-00000000' })
            } } }
        @{ Case = 'expires_in a word'; Expect = 'HyprInvalidResponse'; MaxSeconds = 2; Requests = 1; Message = 'expires_in is not a number of seconds'
            Faults = { @{
                route = 'token'
                kind = 'status'
                status = 200
                body = (Get-TokenBody @{ token_type = 'Bearer'; expires_in = 'an hour'; access_token = 'hypap-word-00000000' })
            } } }
        @{ Case = 'a body that is not JSON'; Expect = 'HyprInvalidResponse'; MaxSeconds = 2; Requests = 1; Message = 'not JSON'
            Faults = { @{
                route = 'token'
                kind = 'status'
                status = 200
                contentType = 'text/plain'
                body = 'access_token=hypap-form-encoded&expires_in=3600'
            } } }
        @{ Case = 'truncated JSON'; Expect = 'HyprInvalidResponse'; MaxSeconds = 2; Requests = 1; Message = 'not JSON'
            Faults = { @{ route = 'token'; kind = 'malformed-json' } } }
        @{ Case = 'an empty 200'; Expect = 'HyprInvalidResponse'; MaxSeconds = 2; Requests = 1; Message = 'empty body'
            Faults = { @{ route = 'token'; kind = 'status'; status = 200 } } }
        @{ Case = 'a 200 HTML page'; Expect = 'HyprInvalidResponse'; MaxSeconds = 2; Requests = 1; Message = 'HTML page'
            Faults = { @{ route = 'token'; kind = 'html'; status = 200 } } }
        @{ Case = 'a body over 1 MiB'; Expect = 'HyprInvalidResponse'; MaxSeconds = 4; Requests = 1; Message = 'larger than the 1024 KiB'
            Faults = { @{
                route = 'token'
                kind = 'status'
                status = 200
                body = (Get-TokenBody @{ token_type = 'Bearer'; expires_in = 3600; access_token = 'hypap-big'; padding = ('x' * 1100000) })
            } } }
        @{ Case = 'a 307 redirect (never followed: it would send the assertion again)'; Expect = 'HyprRedirectNotFollowed'; MaxSeconds = 2; Requests =
            1; Message = 'redirect to http://localhost:'
            Faults = { @{ route = 'token'; kind = 'redirect'; status = 307 } } }
        @{ Case = 'a 302 redirect to another site'; Expect = 'HyprRedirectNotFollowed'; MaxSeconds = 2; Requests = 1; Message =
            'redirect to https://login\.example\.com'
            Faults = { @{ route = 'token'; kind = 'redirect'; status = 302; location = 'https://login.example.com/steal?x=1' } } }
    ) {
        $client = New-EmulatorClient $emulator @{}
        $options = if ($Extra) { $Extra } else { @{} }
        $result = Invoke-Faulted $Faults { Get-Token $client $options }

        $result.Seconds | Should -BeLessThan $MaxSeconds
        if ($MinSeconds) { $result.Seconds | Should -BeGreaterOrEqual $MinSeconds }
        $result.TokenRequests | Should -Be $Requests
        if ($Expect -eq 'success') {
            $result.Record | Should -BeNullOrEmpty
            $result.Output[0] | Should -BeOfType ([HyprAuth.HyprAccessToken])
            Get-EmulatorCount $emulator exchanges $client.clientId | Should -Be 1
        }
        else {
            $result.Record | Should -Not -BeNullOrEmpty
            $result.Record.FullyQualifiedErrorId | Should -BeExactly "$Expect,$getToken"
            $result.Record.Exception | Should -BeOfType ([HyprAuth.HyprException])
            if ($Message) { $result.Record.Exception.Message | Should -Match $Message }
            Get-EmulatorCount $emulator exchanges $client.clientId | Should -Be 0
        }
        if ($Says) { $result.Verbose | Should -Match $Says }
        (Get-EmulatorCounters $emulator).authorizationSentToOtherHost | Should -Be 0

        # No broken entry: the next good request is served (a failure left nothing cached, so it exchanges).
        $next = Get-Token $client
        $next.ClientId | Should -BeExactly $client.clientId
        $next.FromCache | Should -Be ($Expect -eq 'success')
        Get-EmulatorCount $emulator exchanges $client.clientId | Should -Be 1
    }

    It 'an enormous Retry-After with -MaximumRetryCount 0 gives the script the server''s wait in the error' {
        $client = New-EmulatorClient $emulator @{}
        $result = Invoke-Faulted { @{
            route = 'token'
            kind = 'status'
            status = 429
            retryAfter = '100000'
            body = $tooManyRequests
        } } { Get-Token $client @{ MaximumRetryCount = 0 } }
        $result.Record.Exception.RetryAfter | Should -Be ([TimeSpan]::FromSeconds(100000))
        $result.Record.Exception.StatusCode | Should -Be 429
        $result.Record.Exception.HyprErrorCode | Should -Be 1202500
    }

    It 'a Retry-After of 60 s (the cap) is waited out, and Ctrl+C ends the wait at once' {
        $client = New-EmulatorClient $emulator @{}
        Add-EmulatorFault $emulator @{ route = 'token'; kind = 'status'; status = 429; retryAfter = '60'; body = $tooManyRequests }
        $before = Get-EmulatorCount $emulator requests $tokenRoute
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript('param($Manifest, $Tenant, $Id, $Key) Import-Module $Manifest
                Get-HyprAccessToken -TenantUri $Tenant -ClientId $Id -ClientKey $Key -Verbose')
            $null = $shell.AddArgument((Get-HyprModuleManifest)).AddArgument($tenant).AddArgument($client.clientId).AddArgument($client.clientKey)
            $handle = $shell.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(15)
            $said = $null
            while (-not $said -and [DateTime]::UtcNow -lt $deadline) {
                $said = @($shell.Streams.Verbose | Where-Object Message -Match 'retry 1 of 3') | Select-Object -First 1
                if (-not $said) { Start-Sleep -Milliseconds 50 }
            }
            $said | Should -Not -BeNullOrEmpty -Because 'the 429 arrived and the wait began'
            $said.Message | Should -Match 'in 60\.0 s \(Retry-After\)'
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $shell.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 2
            $handle.IsCompleted | Should -BeTrue
        }
        finally { $shell.Dispose() }
        Get-EmulatorCount $emulator requests $tokenRoute | Should -Be ($before + 1) -Because 'the retry never went out'
        (Get-Token $client).FromCache | Should -BeFalse
    }
}

Describe 'The token endpoint answers 200 with an odd token lifetime or type: taken, bounded, and replaced when the API refuses it' {
    It '<Case>: the token lasts <Lifetime> s' -ForEach @(
        @{ Case = 'expires_in missing (assumed short)'; Lifetime = 300; Members = @{ token_type = 'Bearer' } }
        @{ Case = 'expires_in as a string of digits'; Lifetime = 1800; Members = @{ token_type = 'Bearer'; expires_in = '1800' } }
        @{ Case = 'expires_in absurdly large (capped at a day)'; Lifetime = 86400; Members = @{ token_type = 'Bearer'; expires_in = 1e15 } }
        @{ Case = 'token_type missing (taken as Bearer)'; Lifetime = 3600; Members = @{ expires_in = 3600 } }
        @{ Case = 'token_type in lower case'; Lifetime = 3600; Members = @{ token_type = 'bearer'; expires_in = 3600 } }
    ) {
        $client = New-EmulatorClient $emulator @{}
        # The emulator does not know this token, so the API refuses it; the cache must then renew, once, and carry on.
        $members = $Members.Clone()
        $members.access_token = 'hypap-unknown-' + [guid]::NewGuid()
        $result = Invoke-Faulted { @{ route = 'token'; kind = 'status'; status = 200; body = (Get-TokenBody $members) } } { Get-Token $client }
        $result.Record | Should -BeNullOrEmpty
        $result.Seconds | Should -BeLessThan 2
        $token = $result.Output[0]
        Get-TokenValue $token | Should -BeExactly $members.access_token
        $token.TokenType | Should -BeExactly 'Bearer'
        ($token.ExpiresOn - $token.IssuedOn).TotalSeconds | Should -Be $Lifetime

        Connect-Hypr -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey
        $echo = Invoke-HyprApi -Path '/rp/api/echo/after-odd-token'
        $echo.path | Should -BeExactly '/rp/api/echo/after-odd-token'
        Get-EmulatorCount $emulator exchanges $client.clientId | Should -Be 1 -Because 'the refused token was replaced by one real exchange'
        Get-TokenValue (Get-Token $client) | Should -Not -Be $members.access_token
    }
}

Describe 'The API misbehaves' {
    It '<Case>: <Expect> within <MaxSeconds> s' -ForEach @(
        @{ Case = '429 with Retry-After: 1 on a GET'; Expect = 'success'; MinSeconds = 0.9; MaxSeconds = 5; Requests = 2
            Faults = { @{ route = 'api'; kind = 'status'; status = 429; retryAfter = '1'; body = $tooManyRequests } } }
        @{ Case = '503 then success on a POST (the server did not process it)'; Expect = 'success'; MaxSeconds = 3; Requests = 2; Method = 'POST'
            Faults = { @{ route = 'api'; kind = 'status'; status = 503; retryAfter = '0' } } }
        @{ Case = '500 with a body (not retried)'; Expect = 'HyprRequestFailed'; MaxSeconds = 2; Requests = 1; Message =
            'HTTP 500 \(HYPR error 1200999\): internal trouble'
            Faults = { @{ route = 'api'; kind = 'status'; status = 500; body = '{"errorCode":1200999,"errorMessage":"internal trouble"}' } } }
        @{ Case = '500 without a body (not retried)'; Expect = 'HyprRequestFailed'; MaxSeconds = 2; Requests = 1; Message = 'answered HTTP 500\.'
            Faults = { @{ route = 'api'; kind = 'status'; status = 500 } } }
        @{ Case = 'a 502 HTML page on a POST (not retried)'; Expect = 'HyprRequestFailed'; MaxSeconds = 2; Requests = 1; Method = 'POST'; Message =
            'HTML page'
            Faults = { @{ route = 'api'; kind = 'html'; status = 502 } } }
        @{ Case = 'the connection closed mid-response on a GET, once (retried)'; Expect = 'success'; MaxSeconds = 4; Requests = 2
            Faults = { @{ route = 'api'; kind = 'close' } } }
        @{ Case = 'the connection closed mid-response on a POST (not retried: it may have been processed)'; Expect =
            'HyprConnectionFailed'; MaxSeconds = 2; Requests = 1; Method = 'POST'
            Faults = { @{ route = 'api'; kind = 'close' } } }
        @{ Case = 'an answer slower than -TimeoutSec 1 on a GET (timeouts are final)'; Expect = 'HyprRequestTimedOut'; MaxSeconds = 2.5; Requests =
            1; Extra = @{ TimeoutSec = 1 }
            Faults = { @{ route = 'api'; kind = 'delay'; delayMs = 3000 } } }
        @{ Case = 'truncated JSON'; Expect = 'HyprInvalidResponse'; MaxSeconds = 2; Requests = 1; Message = 'not valid JSON'
            Faults = { @{ route = 'api'; kind = 'malformed-json' } } }
        @{ Case = 'a redirect to another host (the token is not sent there)'; Expect = 'HyprRedirectNotFollowed'; MaxSeconds = 2; Requests =
            1; Message = 'redirect to http://localhost:'
            Faults = { @{ route = 'api'; kind = 'redirect'; status = 307 } } }
        @{ Case = 'a 308 redirect to HTTPS on another host'; Expect = 'HyprRedirectNotFollowed'; MaxSeconds = 2; Requests = 1; Message =
            'redirect to https://files\.example\.com'
            Faults = { @{ route = 'api'; kind = 'redirect'; status = 308; location = 'https://files.example.com/rp/api/echo' } } }
        @{ Case = 'a redirect on the tenant itself (followed, with the token)'; Expect = 'success'; MaxSeconds = 2; Requests = 2
            Faults = { @{ route = 'api'; kind = 'redirect'; status = 307; location = "$tenant/rp/api/echo/moved" } } }
    ) {
        $method = if ($Method) { $Method } else { 'GET' }
        $options = if ($Extra) { $Extra } else { @{} }
        $body = if ($method -eq 'POST') { @{ n = 1 } } else { $null }
        $result = Invoke-Faulted $Faults { Invoke-HyprApi -Path '/rp/api/echo/faulted' -Method $method -Body $body -AccessToken $apiToken @options }

        $result.Seconds | Should -BeLessThan $MaxSeconds
        if ($MinSeconds) { $result.Seconds | Should -BeGreaterOrEqual $MinSeconds }
        $result.EchoRequests | Should -Be $Requests
        $result.TokenRequests | Should -Be 0 -Because 'none of these is the token''s fault'
        if ($Expect -eq 'success') {
            $result.Record | Should -BeNullOrEmpty
            $result.Output[0].method | Should -BeExactly $method
        }
        else {
            $result.Record | Should -Not -BeNullOrEmpty
            $result.Record.FullyQualifiedErrorId | Should -BeExactly "$Expect,$invokeApi"
            if ($Message) { $result.Record.Exception.Message | Should -Match $Message }
        }
        (Get-EmulatorCounters $emulator).authorizationSentToOtherHost | Should -Be 0

        (Invoke-HyprApi -Path '/rp/api/echo/next' -AccessToken $apiToken).path | Should -BeExactly '/rp/api/echo/next'
    }
}
