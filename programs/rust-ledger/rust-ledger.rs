// build: -C opt-level=1 -C lto=fat
// Rust (Debian's rustc and wasm32-wasi standard library): a ledger applies
// transfers between accounts held in a Vec, indexed through a HashMap of
// account names. One transfer names an account that was closed, and the
// fallback index points one past the end of the Vec; indexing panics, and
// a panic in this build aborts: the message goes to stderr, then the
// program traps on "unreachable".
use std::collections::HashMap;

#[derive(Debug)]
struct Account {
    name: String,
    balance: i64,
}

struct Ledger {
    accounts: Vec<Account>,
    by_name: HashMap<String, usize>,
}

impl Ledger {
    fn new(names: &[&str]) -> Ledger {
        let mut ledger = Ledger { accounts: Vec::new(), by_name: HashMap::new() };
        for name in names {
            ledger.by_name.insert(name.to_string(), ledger.accounts.len());
            ledger.accounts.push(Account { name: name.to_string(), balance: 100 });
        }
        ledger
    }

    fn index(&self, name: &str) -> usize {
        // Unknown names should be rejected; this "default" is the bug.
        *self.by_name.get(name).unwrap_or(&self.accounts.len())
    }

    fn transfer(&mut self, from: &str, to: &str, amount: i64) {
        let (f, t) = (self.index(from), self.index(to));
        self.accounts[f].balance -= amount;
        self.accounts[t].balance += amount;
    }
}

fn main() {
    let mut ledger = Ledger::new(&["alice", "bob", "carol"]);
    let transfers = [("alice", "bob", 30), ("bob", "carol", 50), ("carol", "dave", 20)];
    for (from, to, amount) in transfers.iter() {
        println!("{} -> {}: {}", from, to, amount);
        ledger.transfer(from, to, *amount);
    }
    for account in &ledger.accounts {
        println!("{:?}", account);
    }
}
