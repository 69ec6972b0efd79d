import Commands

Desmigratif.main()
