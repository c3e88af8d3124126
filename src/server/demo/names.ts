/**
 * Name pools, languages and places for the fictitious persons of the demo data set. Names are
 * common ones of each culture, combined at random, so that no record describes a real person.
 */

export interface Culture {
  male: readonly string[];
  female: readonly string[];
  /** Family names; "masculine|feminine" where the form follows gender (Ivanov|Ivanova). */
  family: readonly string[];
  /** Vietnamese-style middle names that mark gender, put before the given name. */
  middle?: { male: readonly string[]; female: readonly string[] };
}

const CULTURES = {
  nepali: {
    male: ['Ram', 'Bikash', 'Suman', 'Prakash', 'Krishna', 'Sanjay', 'Dipak', 'Rajesh', 'Hari', 'Bishnu', 'Gopal', 'Santosh', 'Ramesh', 'Naresh', 'Sunil', 'Kiran', 'Binod', 'Arjun', 'Dinesh', 'Mahesh', 'Nabin', 'Roshan', 'Sagar', 'Bijay'],
    female: ['Sita', 'Gita', 'Sunita', 'Anita', 'Sarita', 'Puja', 'Kamala', 'Laxmi', 'Manisha', 'Srijana', 'Sabina', 'Rita', 'Bimala', 'Asmita', 'Sushila', 'Januka'],
    family: ['Shrestha', 'Gurung', 'Tamang', 'Magar', 'Rai', 'Limbu', 'Thapa', 'Karki', 'Adhikari', 'Bhandari', 'Sharma', 'Poudel', 'Khadka', 'Basnet', 'Lama', 'Sherpa', 'Bhattarai', 'Ghimire', 'Budha', 'Dahal', 'Pandey', 'Acharya', 'Chaudhary', 'Yadav'],
  },
  somali: {
    male: ['Abdi', 'Mohamed', 'Ahmed', 'Hassan', 'Abdirahman', 'Abdullahi', 'Ali', 'Omar', 'Yusuf', 'Ibrahim', 'Mahad', 'Liban', 'Abdiwali'],
    female: ['Fadumo', 'Hodan', 'Amina', 'Sahra', 'Ifrah', 'Khadra', 'Hibo', 'Maryan', 'Ayan', 'Nimco', 'Hawa', 'Sagal', 'Deqa', 'Ubah', 'Asha', 'Hamdi', 'Sucaad', 'Filsan'],
    family: ['Warsame', 'Farah', 'Jama', 'Abdi', 'Hassan', 'Nur', 'Osman', 'Ali', 'Mohamud', 'Aden', 'Hersi', 'Egal', 'Dirie', 'Yusuf', 'Omar', 'Guled', 'Samatar', 'Ismail'],
  },
  finnish: {
    male: ['Mikko', 'Juha', 'Jari', 'Antti', 'Timo', 'Janne', 'Ville', 'Jussi', 'Tuomas', 'Matti', 'Teemu', 'Olli', 'Aleksi', 'Eetu', 'Lauri', 'Joonas', 'Niko', 'Sami'],
    female: ['Anna', 'Laura', 'Sanna', 'Johanna', 'Emmi', 'Heidi', 'Jenni', 'Tiina', 'Riikka', 'Noora', 'Aino', 'Veera', 'Elina', 'Satu', 'Kaisa', 'Iida', 'Minna', 'Pauliina'],
    family: ['Korhonen', 'Virtanen', 'Mäkinen', 'Nieminen', 'Mäkelä', 'Hämäläinen', 'Laine', 'Heikkinen', 'Koskinen', 'Järvinen', 'Lehtonen', 'Lehtinen', 'Saarinen', 'Salminen', 'Heinonen', 'Niemi', 'Heikkilä', 'Kinnunen', 'Salonen', 'Turunen', 'Salo', 'Laitinen', 'Tuominen', 'Rantanen', 'Karjalainen', 'Jokinen', 'Mattila', 'Savolainen'],
  },
  vietnamese: {
    male: ['Minh', 'Tuấn', 'Hùng', 'Đức', 'Quang', 'Hoàng', 'Long', 'Thành', 'Nam', 'Dũng', 'Hải', 'Phúc'],
    female: ['Lan', 'Hương', 'Thu', 'Linh', 'Mai', 'Ngọc', 'Hoa', 'Trang', 'Thảo', 'Phương', 'Hằng', 'Yến'],
    family: ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ'],
    middle: { male: ['Văn', 'Đức', 'Minh', 'Quốc'], female: ['Thị', 'Thị', 'Ngọc', 'Thu'] },
  },
  ukrainian: {
    male: ['Oleksandr', 'Andrii', 'Serhii', 'Volodymyr', 'Dmytro', 'Mykola', 'Yurii', 'Ivan', 'Vasyl', 'Taras', 'Bohdan', 'Oleh'],
    female: ['Olena', 'Iryna', 'Nataliia', 'Tetiana', 'Oksana', 'Yuliia', 'Svitlana', 'Kateryna', 'Halyna', 'Mariia', 'Liudmyla'],
    family: ['Shevchenko', 'Kovalenko', 'Bondarenko', 'Tkachenko', 'Kravchenko', 'Melnyk', 'Boiko', 'Koval', 'Oliinyk', 'Shevchuk', 'Polishchuk', 'Lysenko', 'Moroz', 'Marchenko', 'Savchenko', 'Rudenko'],
  },
  russian: {
    male: ['Aleksandr', 'Dmitrii', 'Sergei', 'Andrei', 'Aleksei', 'Ivan', 'Mikhail', 'Nikolai', 'Pavel', 'Roman'],
    female: ['Olga', 'Elena', 'Natalia', 'Irina', 'Svetlana', 'Tatiana', 'Anastasia', 'Ekaterina', 'Yulia', 'Marina'],
    family: ['Ivanov|Ivanova', 'Smirnov|Smirnova', 'Kuznetsov|Kuznetsova', 'Popov|Popova', 'Sokolov|Sokolova', 'Lebedev|Lebedeva', 'Kozlov|Kozlova', 'Novikov|Novikova', 'Morozov|Morozova', 'Volkov|Volkova', 'Pavlov|Pavlova'],
  },
  belarusian: {
    male: ['Aliaksandr', 'Siarhei', 'Andrei', 'Dzmitry', 'Uladzimir', 'Ihar'],
    female: ['Volha', 'Alena', 'Natallia', 'Iryna', 'Tatsiana', 'Hanna'],
    family: ['Kavalenka', 'Novik', 'Shauchuk', 'Kazlou|Kazlova', 'Marozau|Marozava', 'Bandarenka', 'Tkachuk'],
  },
  nigerian: {
    male: ['Chinedu', 'Emeka', 'Oluwaseun', 'Tunde', 'Ifeanyi', 'Obinna', 'Uche', 'Segun', 'Femi', 'Osaro', 'Osagie', 'Ikponmwosa'],
    female: ['Blessing', 'Joy', 'Precious', 'Favour', 'Gift', 'Chioma', 'Ngozi', 'Adaeze', 'Osas', 'Esther', 'Peace', 'Mercy', 'Faith', 'Omoye', 'Efe', 'Osarugue'],
    family: ['Okafor', 'Okonkwo', 'Eze', 'Adeyemi', 'Ogunleye', 'Osagie', 'Igbinedion', 'Eghosa', 'Nwosu', 'Obi', 'Balogun', 'Omoregie', 'Uwaifo', 'Ehigiator', 'Osazuwa', 'Idahosa'],
  },
  thai: {
    male: ['Somchai', 'Somsak', 'Prasert', 'Anan', 'Surachai', 'Wichai', 'Boonmee', 'Chaiwat', 'Kittisak', 'Sombat'],
    female: ['Siriporn', 'Malee', 'Pranee', 'Somsri', 'Kannika', 'Ratana', 'Wanida', 'Jintana', 'Duangjai', 'Lamai', 'Nittaya'],
    family: ['Saetang', 'Srisuk', 'Thongchai', 'Boonyarat', 'Chaiyaporn', 'Wongsa', 'Phromma', 'Kaewkham', 'Sukhum', 'Inthasorn', 'Rattanakorn', 'Sriwichai'],
  },
  arabic: {
    male: ['Ahmed', 'Mohammed', 'Ali', 'Hussein', 'Hassan', 'Mustafa', 'Omar', 'Karim', 'Yousef', 'Khalid', 'Haider', 'Ammar', 'Mahmoud', 'Samir'],
    female: ['Fatima', 'Zainab', 'Maryam', 'Noor', 'Huda', 'Sara', 'Rania', 'Layla', 'Amal', 'Zahra', 'Hanan', 'Rasha', 'Shaima'],
    family: ['Al-Jaburi', 'Al-Tamimi', 'Hassan', 'Abbas', 'Kareem', 'Saleh', 'Mahmoud', 'Al-Obaidi', 'Jasim', 'Hamid', 'Al-Saadi', 'Khalil', 'Ibrahim', 'Mansour', 'Haddad', 'Nasser'],
  },
  maghrebi: {
    male: ['Youssef', 'Mehdi', 'Rachid', 'Karim', 'Amine', 'Said', 'Bilal', 'Nabil', 'Hamza'],
    female: ['Fatima', 'Khadija', 'Samira', 'Nadia', 'Salma', 'Meriem', 'Imane', 'Houda'],
    family: ['Benali', 'El Amrani', 'Bouzid', 'Haddad', 'Belkacem', 'Cherif', 'Mansouri', 'El Idrissi', 'Ouali', 'Benyoucef', 'Touati'],
  },
  persian: {
    male: ['Ahmad', 'Mohammad', 'Reza', 'Ali', 'Hamid', 'Farid', 'Javad', 'Mustafa', 'Nasir', 'Habib', 'Wahid', 'Rahim', 'Jawad', 'Murtaza'],
    female: ['Fatemeh', 'Zahra', 'Maryam', 'Sakina', 'Parwin', 'Shabnam', 'Nargis', 'Farzana', 'Mahbooba', 'Roya', 'Leila', 'Marzia', 'Soraya'],
    family: ['Ahmadi', 'Hosseini', 'Rahimi', 'Karimi', 'Mohammadi', 'Sultani', 'Rezaei', 'Haidari', 'Jafari', 'Azimi', 'Sadat', 'Noori', 'Amiri', 'Rasuli'],
  },
  chinese: {
    male: ['Wei', 'Jun', 'Hao', 'Lei', 'Qiang', 'Ming', 'Jian', 'Tao', 'Bo', 'Yong'],
    female: ['Li', 'Mei', 'Xiu', 'Fang', 'Yan', 'Ling', 'Jing', 'Hong', 'Xiaoyan', 'Lihua'],
    family: ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Lin'],
  },
  filipino: {
    male: ['Jose', 'Mark', 'John Paul', 'Jerome', 'Rodel', 'Ramon', 'Reynaldo', 'Christian', 'Arnel', 'Joel'],
    female: ['Maricel', 'Jocelyn', 'Rowena', 'Marites', 'Liza', 'Grace', 'Analyn', 'Rosalie', 'Jennifer', 'Mary Ann', 'Lorna', 'Cristina'],
    family: ['Santos', 'Reyes', 'Cruz', 'Bautista', 'Garcia', 'Mendoza', 'Dela Cruz', 'Villanueva', 'Ramos', 'Aquino', 'Castillo', 'Flores', 'Navarro'],
  },
  bangladeshi: {
    male: ['Mohammad', 'Rahim', 'Karim', 'Abdul', 'Shahid', 'Rafiq', 'Jamal', 'Sohel', 'Rubel', 'Masud', 'Kamrul'],
    female: ['Fatema', 'Nasrin', 'Shirin', 'Rehana', 'Taslima', 'Ayesha', 'Shapla', 'Rupa', 'Nazma'],
    family: ['Hossain', 'Rahman', 'Islam', 'Uddin', 'Ahmed', 'Chowdhury', 'Miah', 'Sarkar', 'Alam', 'Haque', 'Talukder'],
  },
  indian: {
    male: ['Rahul', 'Amit', 'Suresh', 'Vijay', 'Manoj', 'Rajesh', 'Gurpreet', 'Harpreet', 'Arun', 'Sandeep', 'Ravi'],
    female: ['Priya', 'Pooja', 'Neha', 'Sunita', 'Kavita', 'Lakshmi', 'Manpreet', 'Deepa', 'Anjali', 'Rekha'],
    family: ['Singh', 'Kumar', 'Sharma', 'Patel', 'Reddy', 'Nair', 'Gupta', 'Das', 'Yadav', 'Thomas', 'Pillai', 'Joshi'],
  },
  srilankan: {
    male: ['Nimal', 'Sunil', 'Chaminda', 'Kasun', 'Ruwan', 'Pradeep', 'Tharindu', 'Saman', 'Suresh', 'Kumaran'],
    female: ['Nadeeka', 'Dilani', 'Sanduni', 'Chamari', 'Kumari', 'Malani', 'Shanika', 'Priyanthi', 'Tharshini'],
    family: ['Perera', 'Fernando', 'Silva', 'Jayasinghe', 'Bandara', 'Wickramasinghe', 'Dissanayake', 'Rajapaksha', 'Herath', 'Sivakumar', 'Navaratnam'],
  },
  pakistani: {
    male: ['Muhammad', 'Imran', 'Asif', 'Bilal', 'Usman', 'Kashif', 'Faisal', 'Waqas', 'Adnan'],
    female: ['Ayesha', 'Sana', 'Rabia', 'Nazia', 'Saima', 'Amna', 'Sadia', 'Hina'],
    family: ['Khan', 'Malik', 'Butt', 'Chaudhry', 'Qureshi', 'Raza', 'Hussain', 'Iqbal', 'Shah', 'Akhtar'],
  },
  westAfrican: {
    male: ['Kwame', 'Kofi', 'Yaw', 'Abdulai', 'Mohamed', 'Lamin', 'Ebrima', 'Musa', 'Samuel', 'Emmanuel', 'Alhaji', 'Foday'],
    female: ['Ama', 'Akosua', 'Abena', 'Fatmata', 'Isatou', 'Mariama', 'Aminata', 'Grace', 'Comfort', 'Adjoa', 'Kadiatu', 'Hawa'],
    family: ['Mensah', 'Owusu', 'Boateng', 'Asante', 'Kamara', 'Sesay', 'Conteh', 'Jallow', 'Ceesay', 'Bah', 'Koroma', 'Touray', 'Bangura', 'Appiah'],
  },
  francophoneAfrican: {
    male: ['Ibrahima', 'Mamadou', 'Moussa', 'Jean', 'Serge', 'Arnaud', 'Cheikh', 'Souleymane', 'Patrick', 'Hervé', 'Didier', 'Blaise'],
    female: ['Aïssatou', 'Fatoumata', 'Mariam', 'Awa', 'Christelle', 'Grâce', 'Clarisse', 'Nadège', 'Aminata', 'Josiane', 'Carine', 'Rachelle'],
    family: ['Diallo', 'Traoré', 'Koné', 'Coulibaly', 'Camara', 'Ndiaye', 'Sow', 'Kouassi', 'Mbarga', 'Nguema', 'Mukendi', 'Kalonji', 'Ilunga', 'Tshibangu', 'Fotso', 'Kamga'],
  },
  eastAfrican: {
    male: ['John', 'Peter', 'Brian', 'Kevin', 'Joseph', 'David', 'Moses', 'Isaac', 'Dennis'],
    female: ['Mary', 'Faith', 'Mercy', 'Esther', 'Caroline', 'Grace', 'Winnie', 'Sharon', 'Lilian', 'Agnes', 'Joan', 'Prossy'],
    family: ['Otieno', 'Ochieng', 'Wanjiru', 'Kamau', 'Mwangi', 'Njoroge', 'Okello', 'Nakato', 'Mugisha', 'Kato', 'Achieng', 'Wekesa', 'Namubiru', 'Auma'],
  },
  hornOfAfrica: {
    male: ['Dawit', 'Tesfaye', 'Yonas', 'Bereket', 'Habtom', 'Samuel', 'Tekle', 'Filmon', 'Mulugeta', 'Abel'],
    female: ['Selam', 'Meron', 'Helen', 'Tsega', 'Hiwot', 'Senait', 'Saba', 'Freweini', 'Almaz', 'Mekdes', 'Rahel', 'Luwam'],
    family: ['Tesfaye', 'Gebremedhin', 'Haile', 'Tekle', 'Berhane', 'Kidane', 'Alemu', 'Bekele', 'Girma', 'Mekonnen', 'Tesfamariam', 'Woldemichael'],
  },
  sudanese: {
    male: ['Mohamed', 'Ahmed', 'Osman', 'Abdelrahman', 'Hamid', 'Ibrahim', 'Adam', 'Yasir'],
    female: ['Fatima', 'Amna', 'Hawa', 'Mariam', 'Safaa', 'Samah', 'Aisha'],
    family: ['Osman', 'Abdalla', 'Ahmed', 'Ibrahim', 'Mohamed Ali', 'Elhassan', 'Babiker', 'Adam', 'Yousif'],
  },
  hispanic: {
    male: ['Carlos', 'Luis', 'José', 'Juan', 'Diego', 'Andrés', 'Jorge', 'Miguel', 'Alejandro', 'Fernando'],
    female: ['María', 'Ana', 'Carolina', 'Paola', 'Daniela', 'Valentina', 'Luisa', 'Camila', 'Andrea', 'Gabriela', 'Yuliana'],
    family: ['García', 'Rodríguez', 'Martínez', 'López', 'González', 'Pérez', 'Sánchez', 'Ramírez', 'Torres', 'Flores', 'Gómez', 'Díaz', 'Moreno', 'Vargas'],
  },
  lusophone: {
    male: ['João', 'Lucas', 'Gabriel', 'Rafael', 'Thiago', 'Felipe', 'António', 'Manuel', 'Paulo'],
    female: ['Ana', 'Juliana', 'Fernanda', 'Camila', 'Beatriz', 'Larissa', 'Mariana', 'Isabel', 'Luana', 'Adriana'],
    family: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Lima', 'Pereira', 'Ferreira', 'Costa', 'Rodrigues', 'Almeida', 'dos Santos', 'Domingos'],
  },
  romanian: {
    male: ['Ion', 'Andrei', 'Mihai', 'Florin', 'Vasile', 'Gheorghe', 'Marius', 'Constantin', 'Adrian', 'Ionuț'],
    female: ['Maria', 'Elena', 'Ioana', 'Andreea', 'Mihaela', 'Florentina', 'Georgiana', 'Alina', 'Roxana', 'Daniela'],
    family: ['Popescu', 'Ionescu', 'Popa', 'Stan', 'Dumitru', 'Stoica', 'Munteanu', 'Rusu', 'Lungu', 'Ciobanu', 'Gheorghe', 'Rotaru', 'Moldovan'],
  },
  bulgarian: {
    male: ['Georgi', 'Ivan', 'Dimitar', 'Nikolay', 'Petar', 'Stoyan', 'Hristo', 'Asen'],
    female: ['Maria', 'Ivanka', 'Elena', 'Desislava', 'Gergana', 'Tsvetelina', 'Yordanka', 'Radka'],
    family: ['Ivanov|Ivanova', 'Georgiev|Georgieva', 'Dimitrov|Dimitrova', 'Petrov|Petrova', 'Nikolov|Nikolova', 'Stoyanov|Stoyanova', 'Kolev|Koleva', 'Asenov|Asenova'],
  },
  estonian: {
    male: ['Andres', 'Margus', 'Tõnu', 'Rain', 'Priit', 'Kristjan', 'Jaan', 'Rasmus'],
    female: ['Kadri', 'Katrin', 'Liis', 'Maarja', 'Kristiina', 'Triin', 'Kärt', 'Merike'],
    family: ['Tamm', 'Saar', 'Sepp', 'Mägi', 'Kask', 'Kukk', 'Rebane', 'Ilves', 'Pärn', 'Koppel', 'Lepik'],
  },
  latvian: {
    male: ['Jānis', 'Andris', 'Mārtiņš', 'Edgars', 'Kaspars', 'Raivis'],
    female: ['Ilze', 'Kristīne', 'Inese', 'Laura', 'Anna', 'Līga', 'Dace'],
    family: ['Bērziņš|Bērziņa', 'Kalniņš|Kalniņa', 'Ozoliņš|Ozoliņa', 'Jansons|Jansone', 'Liepiņš|Liepiņa', 'Krūmiņš|Krūmiņa'],
  },
  lithuanian: {
    male: ['Tomas', 'Mindaugas', 'Darius', 'Andrius', 'Giedrius', 'Vytautas'],
    female: ['Rasa', 'Jurgita', 'Inga', 'Aušra', 'Vilma', 'Rūta'],
    family: ['Kazlauskas|Kazlauskienė', 'Jankauskas|Jankauskienė', 'Petrauskas|Petrauskienė', 'Stankevičius|Stankevičienė', 'Vasiliauskas|Vasiliauskienė'],
  },
  polish: {
    male: ['Piotr', 'Krzysztof', 'Tomasz', 'Paweł', 'Marek', 'Michał', 'Grzegorz', 'Łukasz'],
    female: ['Anna', 'Katarzyna', 'Magdalena', 'Agnieszka', 'Joanna', 'Monika', 'Ewa', 'Barbara'],
    family: ['Nowak', 'Kowalski|Kowalska', 'Wiśniewski|Wiśniewska', 'Wójcik', 'Kowalczyk', 'Kamiński|Kamińska', 'Lewandowski|Lewandowska', 'Zieliński|Zielińska', 'Mazur', 'Krawczyk'],
  },
  turkish: {
    male: ['Mehmet', 'Mustafa', 'Ahmet', 'Ali', 'Hüseyin', 'Hasan', 'Murat', 'Emre', 'İbrahim', 'Serkan'],
    female: ['Ayşe', 'Fatma', 'Emine', 'Hatice', 'Zeynep', 'Elif', 'Merve', 'Songül', 'Derya'],
    family: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Yıldırım', 'Öztürk', 'Aydın', 'Özdemir', 'Arslan', 'Doğan'],
  },
  centralAsian: {
    male: ['Rustam', 'Bakhtiyor', 'Jasur', 'Sherzod', 'Farrukh', 'Dilshod', 'Azamat', 'Nurlan', 'Bekzod', 'Timur', 'Ulugbek', 'Firdavs'],
    female: ['Dilnoza', 'Gulnora', 'Nilufar', 'Malika', 'Zarina', 'Aigerim', 'Gulnara', 'Mohira', 'Shahnoza', 'Aizhan'],
    family: ['Karimov|Karimova', 'Rakhimov|Rakhimova', 'Yusupov|Yusupova', 'Tursunov|Tursunova', 'Abdullaev|Abdullaeva', 'Nazarov|Nazarova', 'Sadykov|Sadykova', 'Ismoilov|Ismoilova', 'Toshmatov|Toshmatova'],
  },
  georgian: {
    male: ['Giorgi', 'Davit', 'Levan', 'Irakli', 'Nika', 'Zurab'],
    female: ['Nino', 'Tamar', 'Mariam', 'Ketevan', 'Salome', 'Eka'],
    family: ['Beridze', 'Kapanadze', 'Gelashvili', 'Maisuradze', 'Giorgadze', 'Lomidze', 'Tsiklauri', 'Abashidze'],
  },
  albanian: {
    male: ['Arben', 'Besnik', 'Driton', 'Fatmir', 'Agron', 'Ilir', 'Ardit'],
    female: ['Arta', 'Blerta', 'Drita', 'Fatjona', 'Valbona', 'Elira', 'Klea'],
    family: ['Hoxha', 'Berisha', 'Krasniqi', 'Gashi', 'Shala', 'Morina', 'Kelmendi', 'Dervishi', 'Kola'],
  },
  mongolian: {
    male: ['Bat-Erdene', 'Ganbaatar', 'Enkhbayar', 'Batbayar', 'Temuulen', 'Munkhbat'],
    female: ['Oyunchimeg', 'Enkhjargal', 'Sarangerel', 'Altantsetseg', 'Bolormaa', 'Nomin', 'Khulan'],
    family: ['Batbayar', 'Gantulga', 'Dorj', 'Purev', 'Tserendorj', 'Bold', 'Erdenebat', 'Sukhbaatar'],
  },
  burmese: {
    male: ['Aung Ko', 'Min Thu', 'Zaw Win', 'Kyaw Zin', 'Htet Aung', 'Soe Moe'],
    female: ['Aye Aye', 'Thida', 'Hnin Wai', 'Su Myat', 'Ei Mon', 'Khin Khin'],
    family: ['Htun', 'Naing', 'Oo', 'Win', 'Soe', 'Myint', 'Aung', 'Lwin'],
  },
  indonesian: {
    male: ['Agus', 'Budi', 'Andi', 'Eko', 'Rudi', 'Dedi', 'Hendra'],
    female: ['Siti', 'Dewi', 'Sri', 'Wati', 'Nur', 'Rina', 'Yuni', 'Ani'],
    family: ['Santoso', 'Wijaya', 'Saputra', 'Hidayat', 'Kurniawan', 'Setiawan', 'Pratama', 'Susanti', 'Rahayu'],
  },
} as const satisfies Record<string, Culture>;

export type CultureName = keyof typeof CULTURES;

interface NationalityInfo {
  culture: CultureName;
  /** ISO 639-1 codes, the first the one usually spoken. */
  languages: readonly string[];
}

/** Every nationality the demo uses, with the names and languages of its people. */
export const NATIONALITIES: Readonly<Record<string, NationalityInfo>> = {
  FI: { culture: 'finnish', languages: ['fi'] },
  NP: { culture: 'nepali', languages: ['ne'] },
  SO: { culture: 'somali', languages: ['so'] },
  VN: { culture: 'vietnamese', languages: ['vi'] },
  UA: { culture: 'ukrainian', languages: ['uk', 'ru'] },
  RU: { culture: 'russian', languages: ['ru'] },
  BY: { culture: 'belarusian', languages: ['be', 'ru'] },
  MD: { culture: 'romanian', languages: ['ro', 'ru'] },
  NG: { culture: 'nigerian', languages: ['en'] },
  TH: { culture: 'thai', languages: ['th'] },
  IQ: { culture: 'arabic', languages: ['ar', 'ku'] },
  SY: { culture: 'arabic', languages: ['ar'] },
  EG: { culture: 'arabic', languages: ['ar'] },
  YE: { culture: 'arabic', languages: ['ar'] },
  MA: { culture: 'maghrebi', languages: ['ar', 'fr'] },
  DZ: { culture: 'maghrebi', languages: ['ar', 'fr'] },
  TN: { culture: 'maghrebi', languages: ['ar', 'fr'] },
  AF: { culture: 'persian', languages: ['fa', 'ps'] },
  IR: { culture: 'persian', languages: ['fa'] },
  CN: { culture: 'chinese', languages: ['zh'] },
  PH: { culture: 'filipino', languages: ['en'] },
  BD: { culture: 'bangladeshi', languages: ['bn'] },
  IN: { culture: 'indian', languages: ['hi', 'en'] },
  LK: { culture: 'srilankan', languages: ['si', 'ta'] },
  PK: { culture: 'pakistani', languages: ['ur'] },
  GH: { culture: 'westAfrican', languages: ['en'] },
  SL: { culture: 'westAfrican', languages: ['en'] },
  GM: { culture: 'westAfrican', languages: ['en'] },
  CM: { culture: 'francophoneAfrican', languages: ['fr', 'en'] },
  CI: { culture: 'francophoneAfrican', languages: ['fr'] },
  GN: { culture: 'francophoneAfrican', languages: ['fr'] },
  CD: { culture: 'francophoneAfrican', languages: ['fr', 'ln'] },
  SN: { culture: 'francophoneAfrican', languages: ['fr', 'wo'] },
  KE: { culture: 'eastAfrican', languages: ['sw', 'en'] },
  UG: { culture: 'eastAfrican', languages: ['en', 'lg'] },
  ER: { culture: 'hornOfAfrica', languages: ['ti'] },
  ET: { culture: 'hornOfAfrica', languages: ['am'] },
  SD: { culture: 'sudanese', languages: ['ar'] },
  CO: { culture: 'hispanic', languages: ['es'] },
  VE: { culture: 'hispanic', languages: ['es'] },
  DO: { culture: 'hispanic', languages: ['es'] },
  BR: { culture: 'lusophone', languages: ['pt'] },
  AO: { culture: 'lusophone', languages: ['pt'] },
  RO: { culture: 'romanian', languages: ['ro'] },
  BG: { culture: 'bulgarian', languages: ['bg'] },
  EE: { culture: 'estonian', languages: ['et', 'ru'] },
  LV: { culture: 'latvian', languages: ['lv', 'ru'] },
  LT: { culture: 'lithuanian', languages: ['lt'] },
  PL: { culture: 'polish', languages: ['pl'] },
  TR: { culture: 'turkish', languages: ['tr'] },
  UZ: { culture: 'centralAsian', languages: ['uz', 'ru'] },
  KG: { culture: 'centralAsian', languages: ['ky', 'ru'] },
  TJ: { culture: 'centralAsian', languages: ['tg', 'ru'] },
  KZ: { culture: 'centralAsian', languages: ['kk', 'ru'] },
  GE: { culture: 'georgian', languages: ['ka', 'ru'] },
  AL: { culture: 'albanian', languages: ['sq'] },
  MN: { culture: 'mongolian', languages: ['mn'] },
  MM: { culture: 'burmese', languages: ['my'] },
  ID: { culture: 'indonesian', languages: ['id'] },
};

export function cultureOf(nationality: string): Culture {
  const info = NATIONALITIES[nationality];
  if (!info) throw new Error(`The demo has no names for nationality ${nationality}.`);
  return CULTURES[info.culture];
}

export function languagesOf(nationality: string): readonly string[] {
  const info = NATIONALITIES[nationality];
  if (!info) throw new Error(`The demo has no languages for nationality ${nationality}.`);
  return info.languages;
}

/** The member states of the EU and EEA among the demo's nationalities (residence status eu_citizen). */
export const EU_NATIONALITIES: ReadonlySet<string> = new Set(['RO', 'BG', 'EE', 'LV', 'LT', 'PL']);

/** Municipalities where clients with a municipality of residence live, the larger ones more often. */
export const MUNICIPALITIES: readonly (readonly [string, number])[] = [
  ['Helsinki', 26],
  ['Espoo', 9],
  ['Vantaa', 9],
  ['Tampere', 9],
  ['Turku', 7],
  ['Lappeenranta', 6],
  ['Oulu', 5],
  ['Jyväskylä', 3],
  ['Kuopio', 3],
  ['Lahti', 3],
  ['Pori', 2],
  ['Joensuu', 2],
  ['Vaasa', 2],
  ['Seinäjoki', 2],
  ['Kouvola', 2],
  ['Mikkeli', 1],
  ['Rovaniemi', 1],
  ['Imatra', 1],
  ['Kotka', 1],
  ['Hämeenlinna', 1],
];
